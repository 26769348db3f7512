import { type FormEvent, useState } from 'react';

/** A labelled search box that hands its trimmed text on when submitted (the lists search on the server). */
export function SearchForm(props: {
  id: string;
  label: string;
  placeholder: string;
  submitLabel?: string;
  onSearch: (text: string) => void;
}) {
  const [draft, setDraft] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onSearch(draft.trim());
  };
  return (
    <form className="c7-inline-form" onSubmit={onSubmit}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="c7-inline">
        <input
          id={props.id}
          type="search"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={props.placeholder}
        />
        <button type="submit" className="c7-button">
          {props.submitLabel ?? 'Find'}
        </button>
      </div>
    </form>
  );
}
