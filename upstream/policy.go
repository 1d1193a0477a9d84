package upstream

// Policy says which agents may use which upstream servers and tools
// (config.File.ToolPolicy): agent id, or "*" for the agents not named, to
// entries that are a server ("github"), one tool of it ("crm.findCustomer",
// the tool's name in the code), or "*" (every server).
//
// Without a policy (nil) every agent may use every configured server: the
// operator configured them for the agents of this supervisor. With one, an
// agent it does not name, when there is no "*" key, may use none.
type Policy struct {
	set   bool
	rules map[string]rule
}

type rule struct {
	all     bool
	servers map[string]bool
	tools   map[string]bool // "server.tool"
}

// NewPolicy reads a toolPolicy (checked by config.CheckMCP).
func NewPolicy(m map[string][]string) Policy {
	if m == nil {
		return Policy{}
	}
	p := Policy{set: true, rules: map[string]rule{}}
	for agent, list := range m {
		r := rule{servers: map[string]bool{}, tools: map[string]bool{}}
		for _, e := range list {
			switch {
			case e == "*":
				r.all = true
			case containsDot(e):
				r.tools[e] = true
			default:
				r.servers[e] = true
			}
		}
		p.rules[agent] = r
	}
	return p
}

func containsDot(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '.' {
			return true
		}
	}
	return false
}

// Allows reports whether agent may call server's tool (its name in the
// code).
func (p Policy) Allows(agent, server, tool string) bool {
	if !p.set {
		return true
	}
	r, ok := p.rules[agent]
	if !ok {
		if r, ok = p.rules["*"]; !ok {
			return false
		}
	}
	return r.all || r.servers[server] || r.tools[server+"."+tool]
}
