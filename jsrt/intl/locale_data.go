package intl

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"io"
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

// aliasData is core.json.gz: UTS #35's canonicalization data.
type aliasData struct {
	Available   []string                     `json:"available"`
	Language    map[string]string            `json:"language"`
	Script      map[string]string            `json:"script"`
	Region      map[string]string            `json:"region"`
	Variant     map[string]string            `json:"variant"`
	Subdivision map[string]string            `json:"subdivision"`
	Type        map[string]map[string]string `json:"type"`
}

var aliases = sync.OnceValue(func() *aliasData {
	a := &aliasData{}
	if err := readNamesFile("core.json.gz", a); err != nil {
		panic("intl: " + err.Error())
	}
	return a
})

// likely is CLDR's likelySubtags: a tag (language, language-Script,
// language-REGION, und-Script, …) to its most likely full tag.
var likely = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	if err := readNamesFile("likely.json.gz", &m); err != nil {
		panic("intl: " + err.Error())
	}
	return m
})
