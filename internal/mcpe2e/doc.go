// Package mcpe2e tests `supervisor mcp` end to end with an MCP client that
// this project did not write: the official TypeScript SDK
// (@modelcontextprotocol/sdk, the exact version package.json pins, installed
// from the npm registry with `npm ci --ignore-scripts` here; .ci/run does
// it). client.mjs drives the built supervisor over stdio and reports what
// it saw; the Go test runs it and checks the report. Without node or the
// installed package the test skips and says why.
//
// The SDK's Client validates every structured content against the tool's
// output schema on its own; the report's canary shows that check is active.
// Cancellation cases are to join client.mjs's cancellationCases and
// wantCases in the test.
package mcpe2e
