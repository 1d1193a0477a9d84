// Command gen writes jsrt/intl's CLDR data from the CLDR JSON packages of
// the npm registry (package.json here pins CLDR 48.0, the version of Node
// 24's ICU 78):
//
//	(cd jsrt/intl/internal/gen && npm ci --ignore-scripts)
//	go run ./jsrt/intl/internal/gen            # every generator
//	go run ./jsrt/intl/internal/gen numbers    # one
//
// Each generator (a file of this package) writes its own part of
// jsrt/intl/data for every locale of jsrt/intl/locales.Data, with what the
// locale inherits (CLDR parentLocales, then truncation, then root) merged
// in, so the runtime needs no inheritance chain.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// generators are registered from init by each generator's file.
var generators = map[string]func(cldr, out string) error{}

func main() {
	here, _ := os.Getwd()
	cldr := flag.String("cldr", filepath.Join(here, "jsrt/intl/internal/gen/node_modules"), "directory holding the cldr-* npm packages")
	out := flag.String("out", filepath.Join(here, "jsrt/intl/data"), "directory to write the data to")
	flag.Parse()
	names := flag.Args()
	if len(names) == 0 {
		for n := range generators {
			names = append(names, n)
		}
		sort.Strings(names)
	}
	for _, n := range names {
		g, ok := generators[n]
		if !ok {
			fmt.Fprintf(os.Stderr, "gen: no generator %q\n", n)
			os.Exit(2)
		}
		if err := g(*cldr, *out); err != nil {
			fmt.Fprintf(os.Stderr, "gen %s: %v\n", n, err)
			os.Exit(1)
		}
		fmt.Printf("gen %s: done\n", n)
	}
}
