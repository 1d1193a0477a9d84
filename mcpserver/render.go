package mcpserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"codexec/config"
	"codexec/result"
)

// The text content of every answer is its structured content as compact
// JSON, for clients that do not read structured content (the MCP
// specification's recommendation). Only code_execute's is ever cut, so that
// a large result is not sent twice in full:
//
//   - when the JSON of output is over TextOutputMax bytes, output in the
//     text is a JSON string holding its first TextOutputMax bytes (cut
//     between characters), followed by "outputTruncated": true and
//     "outputBytes": the size of the whole output's JSON;
//   - when the JSON of logs is over TextLogsMax bytes, logs in the text
//     hold the first lines that fit in TextLogsMax bytes (the last one's
//     message cut), followed by "logsTruncated": true and "logLines": the
//     number of lines there are.
//
// The structured content always has it all; outputTruncated, outputBytes,
// logsTruncated and logLines appear in the text only.
const (
	TextOutputMax = 16 << 10
	TextLogsMax   = 16 << 10
)

// resultText is the text content of a code_execute answer whose
// structured content is structured.
func resultText(structured json.RawMessage) (string, error) {
	obj, err := parseObject(structured)
	if err != nil {
		return "", err
	}
	if out, ok := obj.get("output"); ok && len(out) > TextOutputMax {
		head, err := marshal(cutUTF8(string(out), TextOutputMax))
		if err != nil {
			return "", err
		}
		obj.set("output", head)
		obj.insertAfter("output", "outputTruncated", json.RawMessage("true"), "outputBytes", json.RawMessage(fmt.Sprint(len(out))))
	}
	if raw, ok := obj.get("logs"); ok && len(raw) > TextLogsMax {
		var logs []result.Log
		if err := json.Unmarshal(raw, &logs); err != nil {
			return "", fmt.Errorf("logs: %w", err)
		}
		kept, err := marshal(fitLogs(logs, TextLogsMax))
		if err != nil {
			return "", err
		}
		obj.set("logs", kept)
		obj.insertAfter("logs", "logsTruncated", json.RawMessage("true"), "logLines", json.RawMessage(fmt.Sprint(len(logs))))
	}
	return string(obj.marshal()), nil
}

// fitLogs is the first lines of logs whose JSON fits in limit bytes, the
// last one's message cut to fit when a whole line does not.
func fitLogs(logs []result.Log, limit int) []result.Log {
	kept := []result.Log{}
	used := 2 // []
	for _, l := range logs {
		raw, _ := marshal(l)
		sep := 0
		if len(kept) > 0 {
			sep = 1
		}
		if used+sep+len(raw) <= limit {
			kept = append(kept, l)
			used += sep + len(raw)
			continue
		}
		// Cut this line's message to what is left, measured on its
		// JSON (escapes included).
		empty, _ := marshal(result.Log{Level: l.Level})
		room := limit - used - sep - len(empty)
		// The longest start of the message whose JSON fits (escapes
		// make it longer than its bytes): a binary search on its length.
		lo, hi := 0, min(len(l.Message), max(room, 0))
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if enc, _ := marshal(cutUTF8(l.Message, mid)); len(enc)-2 <= room {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		msg := cutUTF8(l.Message, lo)
		if room > 0 && msg != "" {
			kept = append(kept, result.Log{Level: l.Level, Message: msg})
		}
		break
	}
	return kept
}

// cutUTF8 is the longest prefix of s of at most n bytes that does not cut
// a character.
func cutUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	if n <= 0 {
		return ""
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// object is a JSON object whose members keep their order.
type object []member

type member struct {
	key string
	val json.RawMessage
}

func parseObject(raw json.RawMessage) (object, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var obj object
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, err
		}
		obj = append(obj, member{key, val})
	}
	return obj, nil
}

func (o object) get(key string) (json.RawMessage, bool) {
	for _, m := range o {
		if m.key == key {
			return m.val, true
		}
	}
	return nil, false
}

// set replaces the value of key, or adds it at the end.
func (o *object) set(key string, val json.RawMessage) {
	for i := range *o {
		if (*o)[i].key == key {
			(*o)[i].val = val
			return
		}
	}
	*o = append(*o, member{key, val})
}

// insertAfter inserts the members kv (key, value, key, value…) after key,
// or at the end without it.
func (o *object) insertAfter(key string, kv ...any) {
	var add []member
	for i := 0; i+1 < len(kv); i += 2 {
		add = append(add, member{kv[i].(string), kv[i+1].(json.RawMessage)})
	}
	at := len(*o)
	for i, m := range *o {
		if m.key == key {
			at = i + 1
		}
	}
	*o = append((*o)[:at], append(add, (*o)[at:]...)...)
}

func (o object) marshal() json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := marshal(m.key)
		b.Write(k)
		b.WriteByte(':')
		b.Write(m.val)
	}
	b.WriteByte('}')
	return b.Bytes()
}

// hintFor says what a model can do about a result that is not ok.
func hintFor(res result.Result) string {
	switch res.Status {
	case result.Blocked:
		return "Nothing ran. Rewrite the code without what the findings name (eval, Function and constructor chains to it, require, import, process, writes to built-in prototypes, computed access to constructor or __proto__ are refused), then call code_execute again."
	case result.Invalid:
		return "Nothing ran. Fix the argument the error names, then call code_execute again."
	case result.Error:
		if res.Error != nil && strings.HasPrefix(res.Error.Message, "SyntaxError") {
			return "The code does not parse: fix it at the position given (it is the body of an async function, not a module) and call code_execute again."
		}
		return "The code threw an exception (or its value could not be turned into JSON): fix it at the position given and call code_execute again."
	case result.Timeout:
		return fmt.Sprintf("The code ran past its timeout and was stopped: make it do less work, make sure every loop ends and every interval is cleared, or pass a larger timeout (at most %d ms).", config.MaxTimeoutMs)
	case result.Memory:
		return "The code used more memory than its limit and was stopped: work on less data at a time, or keep fewer objects alive."
	case result.OutputLimit:
		return "The returned value or the console output is over its cap: return less (a summary, a page, the fields you need) and log less."
	case result.Internal:
		return "The sandbox failed, not necessarily the code: calling code_execute again may work."
	case result.Cancelled:
		return "The execution was cancelled by its caller and stopped: call code_execute again if its result is still wanted."
	}
	return ""
}
