package detect

import "codexec/result"

// Rule ids, as they appear in findings. A blocking rule refuses the code on
// its own; a warning rule raises the risk score by its weight (see Rules).
const (
	// Blocking.
	RuleEval           = "eval"                 // eval, in any spelling, and string callbacks to timers
	RuleFunction       = "function-constructor" // the Function global
	RuleConstructor    = "constructor-chain"    // .constructor reaching Function, AsyncFunction, GeneratorFunction
	RuleComputedKey    = "computed-key"         // obj[k] where k is or may become constructor, __proto__, prototype
	RuleObfuscatedName = "obfuscated-name"      // a dangerous name assembled from pieces
	RuleRequire        = "require"              // require() and module
	RuleImport         = "import"               // import, export, import(), import.meta
	RuleProcess        = "process"              // the process global
	RuleNodeModule     = "node-module"          // fs, child_process, net, ... as globals
	RuleProtoWrite     = "proto-write"          // writes through __proto__, setPrototypeOf on built-ins
	RuleGlobalDynamic  = "global-dynamic"       // globalThis[k] with a key not known before running
	RuleWith           = "with"                 // with statements
	RuleNesting        = "nesting"              // nesting past the limits of CheckNesting
	RuleValidator      = "validator-error"      // the validator itself failed: refused, fail closed

	// Warnings.
	RuleLoopNoExit       = "loop-no-exit"
	RuleIntervalNoClear  = "interval-no-clear"
	RuleDeepNesting      = "deep-nesting"
	RuleHugeLiteral      = "huge-literal"
	RuleHugeAllocation   = "huge-allocation"
	RuleProtoAccess      = "proto-access"
	RuleBuiltinProto     = "builtin-prototype-write"
	RuleEscapedIdent     = "escaped-identifier"
	RuleRegexBacktrack   = "regex-backtracking"
	RuleEscapeObfuscated = "escape-obfuscation"
	RuleCodeInString     = "code-in-string"
	RuleCharCodes        = "charcode-payload"
	RuleEncodedPayload   = "encoded-payload"
	RuleNameFragments    = "name-fragments"
)

// RuleInfo describes one rule.
type RuleInfo struct {
	ID       string
	Severity result.Severity
	// Weight is what one or more findings of a warning rule add to the risk
	// score; 1 for blocking rules.
	Weight float64
	Doc    string
}

// Rules lists every rule the validator can report.
var Rules = []RuleInfo{
	{RuleEval, result.SeverityBlock, 1, "eval in any form: direct, indirect ((0, eval)), through the global object, computed or escaped keys, aliases; string callbacks to setTimeout and setInterval"},
	{RuleFunction, result.SeverityBlock, 1, "any use of the Function global (it builds code from strings; the sandbox removes it)"},
	{RuleConstructor, result.SeverityBlock, 1, ".constructor of a function (or of a .constructor) used other than for reading .name or comparing: the way back to Function, AsyncFunction and GeneratorFunction"},
	{RuleComputedKey, result.SeverityBlock, 1, "computed member access whose key is, or may become, constructor, __proto__ or prototype"},
	{RuleObfuscatedName, result.SeverityBlock, 1, "a computed key assembled from pieces (concatenation, char codes, base64, reversal) that spells a dangerous name"},
	{RuleRequire, result.SeverityBlock, 1, "require() and module (only allow-listed built-in modules pass, and only when allowBuiltinModules is on)"},
	{RuleImport, result.SeverityBlock, 1, "static import and export declarations, dynamic import() and import.meta"},
	{RuleProcess, result.SeverityBlock, 1, "any use of the process global, directly or through the global object"},
	{RuleNodeModule, result.SeverityBlock, 1, "fs, child_process, net, vm, worker_threads, os, http and https used as globals"},
	{RuleProtoWrite, result.SeverityBlock, 1, "writes to __proto__ or through it, and Object.setPrototypeOf / Reflect.setPrototypeOf on built-in prototypes or the global object"},
	{RuleGlobalDynamic, result.SeverityBlock, 1, "the global object indexed with a key that is not known before running"},
	{RuleWith, result.SeverityBlock, 1, "with statements"},
	{RuleNesting, result.SeverityBlock, 1, "nesting or size past the limits that keep the parsers safe (see CheckNesting)"},
	{RuleValidator, result.SeverityBlock, 1, "the validator failed on this input; the code is refused rather than let through"},

	{RuleLoopNoExit, result.SeverityWarn, 0.45, "while (true), for (;;) and the like with no break, return, throw or yield that leaves them"},
	{RuleIntervalNoClear, result.SeverityWarn, 0.3, "setInterval whose timer is discarded, or never cleared anywhere in the code"},
	{RuleDeepNesting, result.SeverityWarn, 0.3, "brackets or functions nested unusually deep (below the refusal limits)"},
	{RuleHugeLiteral, result.SeverityWarn, 0.3, "string literals over 64 KiB, array or object literals over 10,000 elements"},
	{RuleHugeAllocation, result.SeverityWarn, 0.3, "constant sizes of 16 Mi or more given to repeat, Array, ArrayBuffer and typed arrays"},
	{RuleProtoAccess, result.SeverityWarn, 0.2, "reading __proto__"},
	{RuleBuiltinProto, result.SeverityWarn, 0.35, "writes to built-in prototypes (Array.prototype.x = ...)"},
	{RuleEscapedIdent, result.SeverityWarn, 0.4, "identifiers written with \\u escapes"},
	{RuleRegexBacktrack, result.SeverityWarn, 0.2, "regular expressions with nested quantifiers, prone to catastrophic backtracking"},
	{RuleEscapeObfuscated, result.SeverityWarn, 0.35, "ASCII letters written as \\x or \\u escapes (regex layer)"},
	{RuleCodeInString, result.SeverityWarn, 0.25, "strings holding code that reaches for require, process, eval, Function or constructors (regex layer)"},
	{RuleCharCodes, result.SeverityWarn, 0.3, "String.fromCharCode with a run of numeric codes (regex layer)"},
	{RuleEncodedPayload, result.SeverityWarn, 0.3, "base64 strings that decode to dangerous names (regex layer)"},
	{RuleNameFragments, result.SeverityWarn, 0.25, "string fragments of dangerous names joined with + (regex layer)"},
}

var ruleByID = func() map[string]RuleInfo {
	m := make(map[string]RuleInfo, len(Rules))
	for _, r := range Rules {
		m[r.ID] = r
	}
	return m
}()
