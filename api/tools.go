package api

import (
	"net/http"

	"codexec/api/wire"
	"codexec/broker"
	"codexec/detect"
	"codexec/service"
	"codexec/upstream"
)

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
	var tools []broker.Tool
	if up := s.opts.Service.Upstream(); up != nil {
		tools = up.Tools(agent)
	}
	ans := wire.ToolsAnswer{AgentID: agent, Declarations: upstream.TypeScript(tools), Tools: []wire.Tool{}}
	for _, t := range tools {
		ans.Tools = append(ans.Tools, wire.Tool(t))
	}
	writeJSON(w, http.StatusOK, ans)
	return nil
}
