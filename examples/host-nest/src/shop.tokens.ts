/** The shop's implementation of the module's ports, as one injectable object. */
export const SHOP_PORTS = Symbol('SHOP_PORTS');
