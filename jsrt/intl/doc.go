// Package intl is the runner's ECMA-402 Internationalization API: the Intl
// object and the locale-aware methods of the built-ins
// (Number.prototype.toLocaleString, Date.prototype.toLocaleDateString,
// String.prototype.localeCompare, …), implemented in Go on CLDR data that
// is compiled into the binary, so that it works after lockdown and formats
// as Node (ICU) does.
//
// Install puts the Intl object on a runtime; it is cheap. The CLDR data of
// a locale is decoded the first time a formatter of that locale is made.
//
// Each Intl service lives in its own file and adds itself to the object
// through register; locale negotiation (CanonicalizeLocaleList,
// ResolveLocale) and option reading (GetOption, …) are shared and follow
// the specification's abstract operations of the same names.
package intl
