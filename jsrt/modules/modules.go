// Package modules is require() for the sandbox: the pure built-in modules
// (util, url, path, querystring, buffer, events, assert, string_decoder,
// crypto) a job may load when the request allows built-in modules. None of
// them reaches files, processes or the network.
package modules
