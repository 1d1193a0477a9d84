package intl

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/json"
	"io"
	"strings"
)

// The embedded data (data/dates, data/names, data/numbers) is written by
// jsrt/intl/internal/gen as gzipped files, each decoded the first time it
// is needed. The data is generated and tested, so the must- readers treat
// a missing or corrupt file as a build defect and panic.

// readGz returns an embedded gzipped file (its path in fsys), decompressed.
func readGz(fsys embed.FS, path string) ([]byte, error) {
	b, err := fsys.ReadFile(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// readGzJSON decodes an embedded gzipped JSON file into v.
func readGzJSON(fsys embed.FS, path string, v any) error {
	raw, err := readGz(fsys, path)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

// mustReadGz is readGz for data that must be there.
func mustReadGz(fsys embed.FS, path string) []byte {
	raw, err := readGz(fsys, path)
	if err != nil {
		panic("intl: bad data " + path + ": " + err.Error())
	}
	return raw
}

// mustReadGzJSON is readGzJSON for data that must be there.
func mustReadGzJSON(fsys embed.FS, path string, v any) {
	if err := readGzJSON(fsys, path, v); err != nil {
		panic("intl: bad data " + path + ": " + err.Error())
	}
}

// readTextSections decodes an embedded gzipped text file of sections
// "@name", each of lines "key value" (value may hold spaces) or of single
// items.
func readTextSections(fsys embed.FS, path string, each func(section, key, value string)) error {
	t, err := readGz(fsys, path)
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
