package cgroups

import "strings"

func splitLines(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '\n' })
}

func splitFields(s string) []string { return strings.Fields(s) }

func splitComma(s string) []string { return strings.Split(s, ",") }
