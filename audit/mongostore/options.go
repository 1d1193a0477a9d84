package mongostore

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
	"go.mongodb.org/mongo-driver/v2/mongo/writeconcern"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/connstring"

	"codexec/config"
)

// Defaults of the client settings (config.MongoOptions).
const (
	DefaultW                = "majority"
	DefaultJournal          = true
	DefaultRetryWrites      = true
	DefaultReadPreference   = "primary"
	DefaultConnectTimeout   = 10 * time.Second
	DefaultOperationTimeout = time.Duration(0) // none: callers bound their operations
)

// Settings are the client settings in force: each from the URI, the
// configuration (config.MongoOptions), or the default; FromURI names those
// the URI gave.
type Settings struct {
	W                      string        `json:"w"`
	Journal                bool          `json:"journal"`
	RetryWrites            bool          `json:"retryWrites"`
	ReadPreference         string        `json:"readPreference"` // of history and statistics
	ConnectTimeout         time.Duration `json:"connectTimeout"`
	ServerSelectionTimeout time.Duration `json:"serverSelectionTimeout"`
	Timeout                time.Duration `json:"timeout"` // 0: none
	FromURI                []string      `json:"fromUri,omitempty"`
}

// Resolve works out the client settings for uri and the configured
// options: an option the URI and the configuration both give must agree
// (else an error wrapping config.ErrMongoOption that names it and both
// values, never the URI, which may hold a password); one given once
// applies; one given nowhere takes its default, the server selection
// timeout's being selection (DefaultSelectionTimeout when 0). A URI that
// asks for w=0 is refused.
func Resolve(uri string, o config.MongoOptions, selection time.Duration) (Settings, error) {
	if err := o.Validate(); err != nil {
		return Settings{}, err
	}
	cs, err := connstring.ParseAndValidate(uri)
	if err != nil {
		return Settings{}, fmt.Errorf("%w: the MongoDB URI does not parse: %v", config.ErrMongoOption, redact(err, uri))
	}
	if selection <= 0 {
		selection = DefaultSelectionTimeout
	}
	s := Settings{}
	conflict := func(name string, uriV, cfgV any) error {
		return fmt.Errorf("%w: %s is %v in the URI and %v in the configuration: give it in one place", config.ErrMongoOption, name, uriV, cfgV)
	}
	fromURI := func(name string) { s.FromURI = append(s.FromURI, name) }

	// w
	uriW := ""
	switch {
	case cs.WNumberSet:
		uriW = strconv.Itoa(cs.WNumber)
	case cs.WString != "":
		uriW = cs.WString
	}
	switch {
	case uriW == "0":
		return Settings{}, fmt.Errorf("%w: w=0 in the URI asks for no acknowledgement, but the audit outbox drops records once the server acknowledged them", config.ErrMongoOption)
	case uriW != "" && o.W != "" && uriW != string(o.W):
		return Settings{}, conflict("w", uriW, o.W)
	case uriW != "":
		s.W = uriW
		fromURI("w")
	case o.W != "":
		s.W = string(o.W)
	default:
		s.W = DefaultW
	}
	// journal, retryWrites
	flag := func(name string, uriSet, uriV bool, cfg *bool, def bool) (bool, error) {
		switch {
		case uriSet && cfg != nil && uriV != *cfg:
			return false, conflict(name, uriV, *cfg)
		case uriSet:
			fromURI(name)
			return uriV, nil
		case cfg != nil:
			return *cfg, nil
		}
		return def, nil
	}
	if s.Journal, err = flag("journal", cs.JSet, cs.J, o.Journal, DefaultJournal); err != nil {
		return Settings{}, err
	}
	if s.RetryWrites, err = flag("retryWrites", cs.RetryWritesSet, cs.RetryWrites, o.RetryWrites, DefaultRetryWrites); err != nil {
		return Settings{}, err
	}
	// readPreference
	uriRP := ""
	if cs.ReadPreference != "" {
		if uriRP, err = config.CheckReadPreference(cs.ReadPreference); err != nil {
			return Settings{}, fmt.Errorf("in the URI: %w", err)
		}
	}
	cfgRP := ""
	if o.ReadPreference != "" {
		cfgRP, _ = config.CheckReadPreference(o.ReadPreference)
	}
	switch {
	case uriRP != "" && cfgRP != "" && uriRP != cfgRP:
		return Settings{}, conflict("readPreference", uriRP, cfgRP)
	case uriRP != "":
		s.ReadPreference = uriRP
		fromURI("readPreference")
	case cfgRP != "":
		s.ReadPreference = cfgRP
	default:
		s.ReadPreference = DefaultReadPreference
	}
	// timeouts
	dur := func(name string, uriSet bool, uriV time.Duration, cfgMS int64, def time.Duration) (time.Duration, error) {
		cfgV := time.Duration(cfgMS) * time.Millisecond
		switch {
		case uriSet && cfgMS != 0 && uriV != cfgV:
			return 0, conflict(name, uriV.Milliseconds(), cfgMS)
		case uriSet:
			fromURI(name)
			return uriV, nil
		case cfgMS != 0:
			return cfgV, nil
		}
		return def, nil
	}
	if s.ConnectTimeout, err = dur("connectTimeoutMS", cs.ConnectTimeoutSet, cs.ConnectTimeout, o.ConnectTimeoutMS, DefaultConnectTimeout); err != nil {
		return Settings{}, err
	}
	if s.ServerSelectionTimeout, err = dur("serverSelectionTimeoutMS", cs.ServerSelectionTimeoutSet, cs.ServerSelectionTimeout, o.ServerSelectionTimeoutMS, selection); err != nil {
		return Settings{}, err
	}
	if s.Timeout, err = dur("timeoutMS", cs.TimeoutSet, cs.Timeout, o.TimeoutMS, DefaultOperationTimeout); err != nil {
		return Settings{}, err
	}
	return s, nil
}

// redact keeps the URI, which may hold a password, out of an error.
func redact(err error, uri string) string {
	msg := err.Error()
	if uri != "" {
		msg = strings.ReplaceAll(msg, uri, "(the URI)")
	}
	return msg
}

// apply sets s on a client's options (after the URI's: they agree).
func (s Settings) apply(c *options.ClientOptions) {
	wc := &writeconcern.WriteConcern{Journal: &s.Journal}
	if n, err := strconv.Atoi(s.W); err == nil {
		wc.W = n
	} else {
		wc.W = s.W
	}
	c.SetWriteConcern(wc).
		SetRetryWrites(s.RetryWrites).
		SetConnectTimeout(s.ConnectTimeout).
		SetServerSelectionTimeout(s.ServerSelectionTimeout)
	if s.Timeout > 0 {
		c.SetTimeout(s.Timeout)
	}
}

// analytics returns the collection options of history and statistics:
// their read preference, unless the URI gave it (then the client's,
// with the URI's tags and staleness, applies).
func (s Settings) analytics() *options.CollectionOptionsBuilder {
	o := options.Collection()
	if s.ReadPreference == DefaultReadPreference || fromURIHas(s.FromURI, "readPreference") {
		return o
	}
	mode, err := readpref.ModeFromString(s.ReadPreference)
	if err != nil {
		return o // checked by Resolve
	}
	if rp, err := readpref.New(mode); err == nil {
		o.SetReadPreference(rp)
	}
	return o
}

func fromURIHas(names []string, name string) bool {
	for _, n := range names {
		if n == name {
			return true
		}
	}
	return false
}
