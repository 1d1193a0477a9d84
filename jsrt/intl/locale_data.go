package intl

import (
	"embed"
	"strings"
	"sync"
)

// names holds jsrt/intl/internal/gen's "names" output: canonicalization
// aliases, likely subtags, and each data locale's display names.
//
//go:embed data/names
var names embed.FS

// aliasData is core.txt.gz: UTS #35's canonicalization data.
type aliasData struct {
	Language    map[string]string
	Script      map[string]string
	Region      map[string]string
	Variant     map[string]string
	Subdivision map[string]string
	Type        map[string]map[string]string
}

var aliases = sync.OnceValue(func() *aliasData {
	a := &aliasData{Language: map[string]string{}, Script: map[string]string{}, Region: map[string]string{},
		Variant: map[string]string{}, Subdivision: map[string]string{}, Type: map[string]map[string]string{}}
	err := readTextSections(names, "data/names/core.txt.gz", func(sec, k, v string) {
		switch sec {
		case "language":
			a.Language[k] = v
		case "script":
			a.Script[k] = v
		case "region":
			a.Region[k] = v
		case "variant":
			a.Variant[k] = v
		case "subdivision":
			a.Subdivision[k] = v
		default:
			if key, ok := strings.CutPrefix(sec, "type "); ok {
				if a.Type[key] == nil {
					a.Type[key] = map[string]string{}
				}
				a.Type[key][k] = v
			}
		}
	})
	if err != nil {
		panic("intl: " + err.Error())
	}
	return a
})

// likely is CLDR's likelySubtags: a tag (language, language-Script,
// language-REGION, und-Script, …) to its most likely full tag.
var likely = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, 8192)
	if err := readTextSections(names, "data/names/likely.txt.gz", func(_, k, v string) { m[k] = v }); err != nil {
		panic("intl: " + err.Error())
	}
	return m
})
