// The Frictionless JavaScript library ships no types; tests use a small part of it.
declare module "datapackage";
