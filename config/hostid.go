package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"codexec/internal/termsafe"
)

// MaxHostIDChars bounds a host id: the length of a DNS name.
const MaxHostIDChars = 253

// ErrInvalidHostID: a host id breaks the rules of CheckHostID.
var ErrInvalidHostID = errors.New("invalid host id")

// HostIDRules says what a host id may be, for messages.
const HostIDRules = "1 to 253 characters: ASCII letters, digits and . _ - :"

// CheckHostID reports whether id may name a supervisor's host in the audit
// trail (hostId in the configuration file, --host-id): 1 to
// MaxHostIDChars characters, each an ASCII letter, a digit, or one of
// . _ - : (host names, fully qualified names, Kubernetes node names, IPv4
// and IPv6 addresses). The error wraps ErrInvalidHostID and says which
// character is at fault, escaped.
func CheckHostID(id string) error {
	switch n := utf8.RuneCountInString(id); {
	case id == "":
		return fmt.Errorf("%w: empty (%s)", ErrInvalidHostID, HostIDRules)
	case n > MaxHostIDChars:
		return fmt.Errorf("%w: %d characters, over %d (%s)", ErrInvalidHostID, n, MaxHostIDChars, HostIDRules)
	}
	for i, r := range []rune(id) {
		if hostIDChar(r) {
			continue
		}
		what := fmt.Sprintf("%U", r)
		if r == utf8.RuneError {
			what = "a byte that is not UTF-8"
		} else if termsafe.Safe(r) {
			what = fmt.Sprintf("%q (%U)", r, r)
		}
		return fmt.Errorf("%w: %s contains %s at character index %d (%s)",
			ErrInvalidHostID, termsafe.Render(id, 64), what, i, HostIDRules)
	}
	return nil
}

func hostIDChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-:", r)
}

// DefaultHostID is the host id of a supervisor that was given none: the
// kernel's host name (os.Hostname), made into one where it is not (see
// HostIDFromName), so that an odd host name never stops a supervisor.
func DefaultHostID() (string, error) {
	h, err := os.Hostname()
	if err != nil {
		return "", fmt.Errorf("%w: no host id given and the host name is unknown (%v)", ErrInvalidHostID, err)
	}
	return HostIDFromName(h), nil
}

// HostIDFromName makes a host id of a host name: each run of characters a
// host id may not hold becomes one "-", dashes at either end go, and the
// result is cut at MaxHostIDChars. A name that leaves nothing, or the
// kernel's "(none)" for a host name never set, is "localhost".
func HostIDFromName(name string) string {
	if name == "(none)" {
		return "localhost"
	}
	var b strings.Builder
	dash := false
	for _, r := range name {
		if hostIDChar(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.Trim(b.String(), "-")
	if len(id) > MaxHostIDChars {
		id = strings.TrimRight(id[:MaxHostIDChars], "-")
	}
	if id == "" {
		return "localhost"
	}
	return id
}
