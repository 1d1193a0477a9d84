// Package intl is the runner's ECMA-402 Internationalization API: the Intl
// object and the locale-aware methods of the built-ins
// (Number.prototype.toLocaleString, Date.prototype.toLocaleDateString,
// String.prototype.localeCompare, …), implemented in Go on CLDR data that
// is compiled into the binary, so that it works after lockdown and formats
// as Node (ICU) does.
//
// Install puts the locale-aware methods on the built-ins and the global
// Intl on a runtime; it is cheap: the Intl object is built on first read.
// The CLDR data of a locale is decoded the first time a formatter of that
// locale is made. Nothing is built at process start.
//
// Each Intl service lives in its own file, with the function that adds it
// to the object (listed in installers); locale negotiation
// (CanonicalizeLocaleList, ResolveLocale) and option reading (GetOption, …) are shared and follow
// the specification's abstract operations of the same names.
package intl
