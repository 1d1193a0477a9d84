package main

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"codexec/config"
	"codexec/detect"
	"codexec/internal/termsafe"
	"codexec/result"
)

type validateFlags struct {
	lang         string
	json         bool
	config       string
	allowModules bool
	threshold    float64
	// tsExperimental: --ts-experimental-decorators
	tsExperimental bool
}

func newValidateCmd(st *State) *cobra.Command {
	f := validateFlags{}
	cmd := &cobra.Command{
		Use:   "validate FILE|-",
		Short: "Check code as a run would before starting a runner, without running it",
		Long: `Validate the code in FILE (or standard input for -) the way every execution is
validated before a runner is started: the parameter checks on the code, the
nesting pre-check, TypeScript stripping (or the lowering of JavaScript syntax
the runtime lacks), then the AST rules, the regex layer
and the risk score. Nothing is run. Print every finding and the verdict: one
line per finding and a summary on stdout, or with --json the verdict as JSON.

Exit codes: 0 it would run, 1 it does not parse (syntax error), 2 usage,
3 blocked or invalid.`,
		Example: `  supervisor validate task.js
  echo 'return eval("1")' | supervisor validate - --json
  supervisor validate task.ts --allow-builtin-modules --risk-threshold 0.5`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError("validate takes one FILE, or - for standard input")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			lim := config.DefaultLimits()
			if f.config != "" {
				file, err := config.LoadFile(f.config)
				if err != nil {
					return usageError("%v", err)
				}
				lim = file.Limits
			}
			fl := cmd.Flags()
			if fl.Changed("allow-builtin-modules") {
				lim.AllowBuiltinModules = f.allowModules
			}
			if fl.Changed("risk-threshold") {
				if f.threshold <= 0 || f.threshold > 1 {
					return usageError("--risk-threshold %v is outside (0, 1]", f.threshold)
				}
				lim.RiskThreshold = f.threshold
			}
			return runValidate(st, args[0], f, lim)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.lang, "lang", "", `language: javascript or typescript (default: from the file extension, .ts is typescript)`)
	fl.BoolVar(&f.json, "json", false, "print the verdict as JSON")
	fl.StringVar(&f.config, "config", "", "JSON configuration file to take the limits from (see supervisor serve)")
	fl.BoolVar(&f.allowModules, "allow-builtin-modules", false, "let require() name the allow-listed built-in modules (default: the configuration's)")
	fl.Float64Var(&f.threshold, "risk-threshold", 0, "risk score at which code is refused, in (0, 1] (default: the configuration's, 0.7)")
	addExperimentalDecoratorsFlag(cmd, &f.tsExperimental)
	return cmd
}

func runValidate(st *State, file string, f validateFlags, lim config.Limits) error {
	code, err := readCode(st, file, lim.MaxCodeBytes)
	if err != nil {
		return usageError("%v", err)
	}
	lang := resolveLanguage(file, f.lang)
	out, err := detect.Judge(detect.Submission{Code: code, Language: lang, TSExperimentalDecorators: f.tsExperimental}, lim)
	if err != nil {
		return &exitError{code: 70, err: err}
	}

	if f.json {
		enc := json.NewEncoder(st.Stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(out); err != nil {
			return &exitError{code: 70, err: fmt.Errorf("write the verdict: %w", err)}
		}
	} else {
		printVerdict(st, out)
	}
	if code := out.Status.ExitCode(); code != 0 {
		return &exitError{code: code}
	}
	return nil
}

// printVerdict prints one line per finding, then the verdict.
func printVerdict(st *State, out detect.Report) {
	for _, f := range out.Findings {
		pos := ""
		if f.Line > 0 {
			pos = fmt.Sprintf(" (line %d, column %d)", f.Line, f.Column)
		}
		// Escaped: a message may quote the code.
		fmt.Fprintf(st.Stdout, "%-5s [%s] %s%s\n", termsafe.Line(string(f.Severity)), termsafe.Line(f.Rule), termsafe.Line(f.Message), pos)
	}
	if out.Omitted > 0 {
		fmt.Fprintf(st.Stdout, "… and %d more findings\n", out.Omitted)
	}
	switch out.Status {
	case result.OK:
		fmt.Fprintf(st.Stdout, "ok: it would run · risk %.2f (threshold %.2f) · %d findings\n", out.RiskScore, out.Threshold, len(out.Findings)+out.Omitted)
	case result.Blocked:
		fmt.Fprintf(st.Stdout, "blocked: %s · risk %.2f (threshold %.2f)\n", termsafe.Line(out.Error.Message), out.RiskScore, out.Threshold)
	default:
		msg := termsafe.Line(out.Error.Message)
		if out.Error.Line > 0 {
			msg += fmt.Sprintf(" (line %d, column %d)", out.Error.Line, out.Error.Column)
		}
		fmt.Fprintf(st.Stdout, "%s: %s\n", out.Status, msg)
	}
}
