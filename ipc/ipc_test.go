package ipc

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"codexec/result"
)

func frameBytes(payload string) []byte {
	b := make([]byte, 4+len(payload))
	binary.BigEndian.PutUint32(b, uint32(len(payload)))
	copy(b[4:], payload)
	return b
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	job := Job{ID: "exec_1", Code: "return 1", Context: json.RawMessage(`{"x":1}`), TimeoutMs: 5000, MaxOutputBytes: 1 << 20}
	if err := Write(&buf, TypeJob, job); err != nil {
		t.Fatal(err)
	}
	res := Result{Status: result.OK, Output: json.RawMessage(`{"a":[1,2]}`), CPUMs: 1.5}
	if err := Write(&buf, TypeResult, res); err != nil {
		t.Fatal(err)
	}
	var gotJob Job
	if err := Expect(&buf, 1<<20, TypeJob, &gotJob); err != nil {
		t.Fatal(err)
	}
	if gotJob.Code != job.Code || string(gotJob.Context) != `{"x":1}` || gotJob.TimeoutMs != 5000 {
		t.Errorf("job = %+v, want %+v", gotJob, job)
	}
	var gotRes Result
	if err := Expect(&buf, 1<<20, TypeResult, &gotRes); err != nil {
		t.Fatal(err)
	}
	if gotRes.Status != result.OK || string(gotRes.Output) != `{"a":[1,2]}` {
		t.Errorf("result = %+v", gotRes)
	}
	if _, err := ReadFrame(&buf, 0); err != io.EOF {
		t.Errorf("ReadFrame at end = %v, want io.EOF", err)
	}
}

func TestReadFrameErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    []byte
		max   int
		check func(error) bool
	}{
		{"oversized", frameBytes(`{"type":"log","arg":{}}`), 8, func(err error) bool { var e *FrameTooLargeError; return errors.As(err, &e) }},
		{"huge length, no body", []byte{0xff, 0xff, 0xff, 0xff}, 0, func(err error) bool { var e *FrameTooLargeError; return errors.As(err, &e) }},
		{"truncated header", []byte{0, 0}, 0, func(err error) bool { return err == io.ErrUnexpectedEOF }},
		{"truncated body", frameBytes(`{"type":"log","arg":{}}`)[:10], 0, func(err error) bool { return err == io.ErrUnexpectedEOF }},
		{"garbage", frameBytes("\x00\x01garbage"), 0, IsProtocolError},
		{"not an object", frameBytes(`[1,2]`), 0, IsProtocolError},
		{"unknown type", frameBytes(`{"type":"exec","arg":{}}`), 0, IsProtocolError},
		{"unknown field", frameBytes(`{"type":"log","arg":{},"x":1}`), 0, IsProtocolError},
		{"trailing data", frameBytes(`{"type":"log","arg":{}} {}`), 0, IsProtocolError},
		{"trailing brace", frameBytes(`{"type":"log","arg":{}}}`), 0, IsProtocolError},
		{"empty payload", frameBytes(``), 0, IsProtocolError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadFrame(bytes.NewReader(tt.in), tt.max)
			if err == nil || !tt.check(err) {
				t.Errorf("ReadFrame(%q) = %v, not the expected error", tt.in, err)
			}
		})
	}
}

func TestExpectStrict(t *testing.T) {
	// Wrong type.
	err := Expect(bytes.NewReader(frameBytes(`{"type":"log","arg":{"level":"log","message":"x"}}`)), 0, TypeReady, &Ready{})
	var pe *ProtocolError
	if !errors.As(err, &pe) || pe.Got != TypeLog || pe.Want != TypeReady {
		t.Errorf("Expect(log as ready) = %v, want a ProtocolError got=log want=ready", err)
	}
	// Unknown field in the argument.
	err = Expect(bytes.NewReader(frameBytes(`{"type":"ready","arg":{"proto":1,"pid":2,"evil":true}}`)), 0, TypeReady, &Ready{})
	if !IsProtocolError(err) || !strings.Contains(err.Error(), "evil") {
		t.Errorf("Expect(ready with unknown field) = %v, want a ProtocolError naming the field", err)
	}
}

// The allocation happens only after the length check: a 4 GiB announcement
// must not allocate anything like that.
func TestOversizedFrameDoesNotAllocate(t *testing.T) {
	in := []byte{0xff, 0xff, 0xff, 0xf0}
	allocs := testing.AllocsPerRun(100, func() { _, _ = ReadFrame(bytes.NewReader(in), 1<<20) })
	if allocs > 4 {
		t.Errorf("ReadFrame of an oversized frame made %v allocations", allocs)
	}
}

func FuzzReadFrame(f *testing.F) {
	f.Add(frameBytes(`{"type":"ready","arg":{"proto":1,"pid":7}}`))
	f.Add(frameBytes(`{"type":"log","arg":{"level":"log","message":"hi"}}`))
	f.Add(frameBytes(`{"type":"result","arg":{"status":"ok","output":{"a":1},"cpuMs":1,"runMs":2}}`))
	f.Add(frameBytes(`{"type":"job","arg":{"id":"x","code":"return 1","context":{},"timeoutMs":5}}`))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Add([]byte("garbage"))
	f.Fuzz(func(t *testing.T, in []byte) {
		r := bytes.NewReader(in)
		for i := 0; i < 4; i++ {
			fr, err := ReadFrame(r, 1<<16)
			if err != nil {
				return
			}
			var v any
			switch fr.Type {
			case TypeReady:
				v = &Ready{}
			case TypeJob:
				v = &Job{}
			case TypeLog:
				v = &Log{}
			case TypeResult:
				v = &Result{}
			default:
				t.Fatalf("ReadFrame accepted unknown type %q", fr.Type)
			}
			_ = fr.Decode(v)
		}
	})
}

// A result's value crosses the pipe as JSON.stringify wrote it.
func TestEncodeKeepsHTMLCharacters(t *testing.T) {
	b, err := Encode(TypeResult, Result{Status: "ok", Output: json.RawMessage(`"a & b <c>"`)})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"a & b <c>"`)) {
		t.Errorf("frame: %s", b[4:])
	}
}

// Encode writes the frame around the argument by hand: the bytes are the
// ones encoding the argument, then Frame, give.
func TestEncodeSameBytesAsThroughFrame(t *testing.T) {
	msgs := []struct {
		t   Type
		arg any
	}{
		{TypeReady, Ready{Proto: ProtoVersion, PID: 7, Layers: []string{"seccomp"}, UID: 65534}},
		{TypeJob, Job{ID: "j", Code: "return <a> && 'é' \u2028", Context: json.RawMessage(`{"x": [1, 2]}`), TimeoutMs: 5}},
		{TypeLog, Log{Level: "log", Message: "<b>&\u00e9\x01\"\\"}},
		{TypeResult, Result{Status: result.OK, Output: json.RawMessage(` {"a" : [1,"<&>"]} `), CPUMs: 1.5}},
		{TypeResult, Result{Status: result.Error, Error: &result.ErrorInfo{Kind: result.Error, Message: "x"}}},
		{TypeCall, nil},
		{Type("we\"ird"), Log{Level: "log", Message: "m"}},
	}
	for _, m := range msgs {
		got, err := Encode(m.t, m.arg)
		if err != nil {
			t.Fatal(err)
		}
		want, err := encodeFrame(m.t, m.arg)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", m.t, got, want)
		}
	}
	if _, err := Encode(TypeLog, Log{Message: strings.Repeat("x", MaxFrame)}); err == nil {
		t.Error("a frame over MaxFrame was encoded")
	}
}
