package ipc

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"codexec/result"
)

// ProtoVersion is sent in ready; the supervisor refuses any other version.
const ProtoVersion = 1

// MaxFrame is the hard cap on any frame's payload, whatever a reader is
// configured with.
const MaxFrame = 64 << 20

// Type names a message.
type Type string

// Message types (see the protocol table in the package doc).
const (
	TypeReady  Type = "ready"  // runner → supervisor, once, when locked down and able to run a job
	TypeJob    Type = "job"    // supervisor → runner, once
	TypeLog    Type = "log"    // runner → supervisor, once per console line
	TypeResult Type = "result" // runner → supervisor, once, last
	TypeCall   Type = "call"   // runner → supervisor: the code called a declared tool
	TypeReply  Type = "reply"  // supervisor → runner, on the job pipe: a call's answer
)

// Frame is one decoded frame: its type and its raw argument.
type Frame struct {
	Type Type            `json:"type"`
	Arg  json.RawMessage `json:"arg"`
}

// Ready is the runner's first message.
type Ready struct {
	Proto       int      `json:"proto"`
	PID         int      `json:"pid"`                   // in the runner's own pid namespace
	Layers      []string `json:"layers,omitempty"`      // the lockdown layers in force
	LandlockABI int      `json:"landlockAbi,omitempty"` // 0 when landlock is not in force
	UID         int      `json:"uid"`                   // the uid the runner runs as
	// Where the runner's start-up went, in µs: CPU before main (the Go
	// runtime and package initialisers), then the wall time of creating the
	// JavaScript runtime and of the lockdown.
	StartCPUUs int64 `json:"startCpuUs,omitempty"`
	RuntimeUs  int64 `json:"runtimeUs,omitempty"`
	LockdownUs int64 `json:"lockdownUs,omitempty"`
}

// Job is the one piece of work a runner receives.
type Job struct {
	ID             string          `json:"id"`
	Code           string          `json:"code"`    // JavaScript: the body of an async function of context
	Context        json.RawMessage `json:"context"` // a JSON object
	TimeoutMs      int64           `json:"timeoutMs"`
	MaxOutputBytes int             `json:"maxOutputBytes"` // cap on the JSON of the returned value
	MaxLogLines    int             `json:"maxLogLines"`    // cap on console lines
	MaxLogBytes    int             `json:"maxLogBytes"`    // cap on the bytes of all console lines together
	CaptureConsole bool            `json:"captureConsole"` // false: console calls are accepted and dropped
	HeapLimitBytes int64           `json:"heapLimitBytes"` // soft heap limit for the runner's watchdog; 0 = none
	// AllowBuiltinModules defines require() for the job: the pure built-in
	// modules of jsrt/modules (the allowBuiltinModules setting).
	AllowBuiltinModules bool `json:"allowBuiltinModules,omitempty"`
	// Tools names the tools the code may call, as the global tools object
	// presents them (tools.crm.findCustomer for "crm.findCustomer"). Only
	// names: schemas and caps stay with the supervisor, which checks every
	// call before anything answers it.
	Tools []string `json:"tools,omitempty"`
}

// Call is one call of a declared tool by the code (runner → supervisor).
// IDs are the runner's, unique within the job; Args is the JSON of the
// argument the code passed ({} when none).
type Call struct {
	ID   int64           `json:"id"`
	Name string          `json:"name"` // as declared: an identifier, or identifiers joined by dots
	Args json.RawMessage `json:"args"`
}

// Reply answers one Call (supervisor → runner, on the job pipe): the
// tool's result as JSON, or an error the code sees as a ToolError.
type Reply struct {
	ID     int64           `json:"id"`
	Result json.RawMessage `json:"result,omitempty"`
	Error  *ToolError      `json:"error,omitempty"`
}

// ToolError is a failed call, as the code sees it (err.code, err.message).
type ToolError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MaxReplyFrame is the largest reply frame a runner reads: a result of
// MaxToolResultBytes (the largest the configuration may allow) and room
// for the envelope and JSON escaping.
const MaxReplyFrame = 2*MaxToolResultBytes + 64<<10

// MaxToolResultBytes bounds the configurable cap on a tool result's JSON.
const MaxToolResultBytes = 8 << 20

// Log is one console line.
type Log = result.Log

// Result is the runner's last message.
type Result struct {
	Status result.Status     `json:"status"`
	Output json.RawMessage   `json:"output,omitempty"` // the JSON of the value, when status is ok
	Error  *result.ErrorInfo `json:"error,omitempty"`
	CPUMs  float64           `json:"cpuMs"` // CPU time the runner spent on the job
	RunMs  float64           `json:"runMs"` // wall time the runner spent on the job
	// No memory figure: the supervisor measures the runner's peak itself
	// (its cgroup, /proc/PID/status), never from what the runner says.
}

// ProtocolError is a frame that breaks the protocol.
type ProtocolError struct {
	Got    Type   // the type received, if a frame was decoded
	Want   Type   // the type expected
	Reason string // what was wrong
}

func (e *ProtocolError) Error() string {
	switch {
	case e.Reason != "" && e.Want != "":
		return fmt.Sprintf("ipc: protocol error waiting for %q: %s", e.Want, e.Reason)
	case e.Reason != "":
		return "ipc: protocol error: " + e.Reason
	default:
		return fmt.Sprintf("ipc: unexpected message %q, expected %q", e.Got, e.Want)
	}
}

// IsProtocolError reports whether err is or wraps a *ProtocolError.
func IsProtocolError(err error) bool {
	var pe *ProtocolError
	return errors.As(err, &pe)
}

// FrameTooLargeError is a frame whose announced length is over the cap.
type FrameTooLargeError struct{ Size, Max int }

func (e *FrameTooLargeError) Error() string {
	return fmt.Sprintf("ipc: frame of %d bytes is over the %d-byte cap", e.Size, e.Max)
}

// marshal is json.Marshal without HTML escaping: a value's JSON crosses
// the pipe as JSON.stringify wrote it (& stays &, not \u0026).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// Encode returns the wire form of one message. The argument is encoded
// once, into the buffer the frame is written from: the frame around it is
// written by hand, as encoding/json would write Frame (its types need no
// escaping), instead of encoding the argument's JSON a second time as a
// RawMessage (which validated and copied it again: for a large output or
// console line, two passes and two copies fewer).
func Encode(t Type, arg any) ([]byte, error) {
	if !plainType(t) {
		return encodeFrame(t, arg)
	}
	var b bytes.Buffer
	b.WriteString("\x00\x00\x00\x00{\"type\":\"")
	b.WriteString(string(t))
	b.WriteString(`","arg":`)
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(arg); err != nil {
		return nil, fmt.Errorf("ipc: encode %s: %w", t, err)
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	b.WriteByte('}')
	buf := b.Bytes()
	if n := len(buf) - 4; n > MaxFrame {
		return nil, &FrameTooLargeError{Size: n, Max: MaxFrame}
	}
	binary.BigEndian.PutUint32(buf, uint32(len(buf)-4))
	return buf, nil
}

// plainType reports whether t is written in JSON as it is (lower-case
// ASCII letters, as every message type is).
func plainType(t Type) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < 'a' || t[i] > 'z' {
			return false
		}
	}
	return true
}

// encodeFrame is Encode through Frame, for a type that needs escaping.
func encodeFrame(t Type, arg any) ([]byte, error) {
	a, err := marshal(arg)
	if err != nil {
		return nil, fmt.Errorf("ipc: encode %s: %w", t, err)
	}
	payload, err := marshal(Frame{Type: t, Arg: a})
	if err != nil {
		return nil, fmt.Errorf("ipc: encode %s: %w", t, err)
	}
	if len(payload) > MaxFrame {
		return nil, &FrameTooLargeError{Size: len(payload), Max: MaxFrame}
	}
	buf := make([]byte, 4+len(payload))
	binary.BigEndian.PutUint32(buf, uint32(len(payload)))
	copy(buf[4:], payload)
	return buf, nil
}

// Write writes one message as a single frame with one write call.
func Write(w io.Writer, t Type, arg any) error {
	buf, err := Encode(t, arg)
	if err != nil {
		return err
	}
	_, err = w.Write(buf)
	return err
}

// ReadFrame reads one frame whose payload is at most max bytes (max is
// clamped to MaxFrame). It returns io.EOF only on a clean end of stream
// before a frame starts; a frame cut short is io.ErrUnexpectedEOF.
func ReadFrame(r io.Reader, max int) (Frame, error) {
	if max <= 0 || max > MaxFrame {
		max = MaxFrame
	}
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return Frame{}, err
	}
	n := int(binary.BigEndian.Uint32(hdr[:]))
	if n > max {
		return Frame{}, &FrameTooLargeError{Size: n, Max: max}
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return Frame{}, err
	}
	var f Frame
	if err := decodeStrict(buf, &f); err != nil {
		return Frame{}, &ProtocolError{Reason: "malformed frame: " + err.Error()}
	}
	switch f.Type {
	case TypeReady, TypeJob, TypeLog, TypeResult, TypeCall, TypeReply:
	default:
		return Frame{}, &ProtocolError{Got: f.Type, Reason: fmt.Sprintf("unknown message type %q", f.Type)}
	}
	return f, nil
}

// Decode decodes the frame's argument strictly into v: unknown fields and
// trailing data are errors.
func (f Frame) Decode(v any) error {
	if err := decodeStrict(f.Arg, v); err != nil {
		return &ProtocolError{Got: f.Type, Want: f.Type, Reason: fmt.Sprintf("malformed %s: %v", f.Type, err)}
	}
	return nil
}

// Expect reads one frame, requires it to be of type want, and decodes its
// argument into v.
func Expect(r io.Reader, max int, want Type, v any) error {
	f, err := ReadFrame(r, max)
	if err != nil {
		if pe, ok := err.(*ProtocolError); ok {
			pe.Want = want
		}
		return err
	}
	if f.Type != want {
		return &ProtocolError{Got: f.Type, Want: want}
	}
	return f.Decode(v)
}

func decodeStrict(b []byte, v any) error {
	if len(b) == 0 {
		return errors.New("empty")
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("trailing data after the JSON value")
	}
	return nil
}
