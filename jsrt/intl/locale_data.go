package intl

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"io"
	"strings"
	"sync"
)

// names holds jsrt/intl/internal/gen's "names" output: canonicalization
// aliases, likely subtags, and each data locale's display names.
//
//go:embed data/names
var names embed.FS

// readNamesFile decodes one gzip-compressed JSON file of data/names.
func readNamesFile(name string, v any) error {
	b, err := names.ReadFile("data/names/" + name)
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	j, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	return json.Unmarshal(j, v)
}

// readTextSections decodes a gzip-compressed text file of data/names:
// sections "@name", each of lines "key value" (value may hold spaces) or
// of single items.
func readTextSections(name string, each func(section, key, value string)) error {
	b, err := names.ReadFile("data/names/" + name)
	if err != nil {
		return err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return err
	}
	t, err := io.ReadAll(zr)
	if err != nil {
		return err
	}
	section := ""
	for _, line := range strings.Split(string(t), "\n") {
		switch {
		case line == "":
		case line[0] == '@':
			section = line[1:]
		default:
			k, v, _ := strings.Cut(line, " ")
			each(section, k, v)
		}
	}
	return nil
}

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
	err := readTextSections("core.txt.gz", func(sec, k, v string) {
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
	if err := readTextSections("likely.txt.gz", func(_, k, v string) { m[k] = v }); err != nil {
		panic("intl: " + err.Error())
	}
	return m
})
