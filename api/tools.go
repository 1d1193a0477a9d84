package api

import (
	"net/http"

	"codexec/broker"
	"codexec/detect"
	"codexec/service"
	"codexec/upstream"
)

// ToolsAnswer is the body of GET /v1/tools: the tools of the MCP servers
// the daemon is configured with (mcpServers) that an agent's code may call
// as tools.<server>.<tool>(args), the tool policy applied, as TypeScript
// declarations and as the declarations an execution gets.
type ToolsAnswer struct {
	AgentID      string        `json:"agentId"`
	Declarations string        `json:"declarations"`
	Tools        []broker.Tool `json:"tools"`
}

// getTools answers GET /v1/tools[?agentId=ID] (default agent: anonymous);
// the caller must be allowed to act as the agent.
func (s *Server) getTools(w http.ResponseWriter, r *http.Request) error {
	agent := r.URL.Query().Get("agentId")
	if agent == "" {
		agent = service.DefaultAgentID
	}
	if inv := detect.CheckID("agentId", agent); inv != nil {
		return errBadRequest("%s", inv.Error())
	}
	if err := s.checkAgent(r, agent); err != nil {
		return err
	}
	ans := ToolsAnswer{AgentID: agent, Tools: []broker.Tool{}}
	if up := s.opts.Service.Upstream(); up != nil {
		if t := up.Tools(agent); len(t) > 0 {
			ans.Tools = t
		}
	}
	ans.Declarations = upstream.TypeScript(ans.Tools)
	writeJSON(w, http.StatusOK, ans)
	return nil
}
