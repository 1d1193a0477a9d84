package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
)

// keys maps each JSON key of Limits to its field index.
func keys() map[string]int {
	t := reflect.TypeOf(Limits{})
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		m[name] = i
	}
	return m
}

// Keys lists the settings that can be read and changed at run time, in a
// stable order.
func Keys() []string {
	var out []string
	for k := range keys() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Patch applies a JSON object of changes (updateConfig) to l: every key
// must be a known setting with a value of its type, and the result must be
// within bounds. l itself is not modified. Unknown keys, wrong types,
// nulls and trailing data are errors that name the key.
func Patch(l Limits, patch []byte) (Limits, map[string]any, error) {
	var raw map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(patch))
	if err := dec.Decode(&raw); err != nil {
		return l, nil, fmt.Errorf("config: the patch is not a JSON object: %w", err)
	}
	if dec.More() {
		return l, nil, fmt.Errorf("config: data after the patch object")
	}
	if raw == nil {
		return l, nil, fmt.Errorf("config: the patch is not a JSON object")
	}
	idx := keys()
	out := l
	v := reflect.ValueOf(&out).Elem()
	for k, val := range raw {
		i, ok := idx[k]
		if !ok {
			return l, nil, fmt.Errorf("config: unknown setting %q (known: %s)", k, strings.Join(Keys(), ", "))
		}
		if bytes.Equal(bytes.TrimSpace(val), []byte("null")) {
			return l, nil, fmt.Errorf("config: %s may not be null", k)
		}
		f := v.Field(i)
		ptr := reflect.New(f.Type())
		d := json.NewDecoder(bytes.NewReader(val))
		d.DisallowUnknownFields()
		if err := d.Decode(ptr.Interface()); err != nil {
			return l, nil, fmt.Errorf("config: %s: want a %s: %v", k, f.Type(), err)
		}
		f.Set(ptr.Elem())
	}
	if err := out.Validate(); err != nil {
		return l, nil, err
	}
	return out, Diff(l, out), nil
}

// Diff returns the settings that differ between a and b, with b's values.
func Diff(a, b Limits) map[string]any {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	changes := map[string]any{}
	for k, i := range keys() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			changes[k] = vb.Field(i).Interface()
		}
	}
	return changes
}
