// Package client is the Sarvam scheduling API client: HTTP, retries, errors
// and API types. It knows nothing of Terraform.
//
// Its files read from the top down. Each uses only what it and the files
// listed after it declare, never a name from a file listed before it
// (layers_test.go reads this list and holds the package to it):
//
//   - campaign.go, cohort.go, webhook.go: the API's types, and the Get and
//     List methods that read them.
//   - client.go: New, which checks a Config and builds a Client, and the
//     rules for a base URL and an API key.
//   - list.go: a List method's query, and reading every page of a list,
//     with the rules its pages must follow to add up to one list.
//   - list_prefetch.go: reading the pages a list's total implies ahead, a
//     few at a time.
//   - list_page.go: what one list endpoint is, and reading and decoding one
//     of its pages.
//   - request.go: an endpoint's URL, and one read of it, shared with
//     identical reads.
//   - retry.go: one GET with retries, its backoff, and the pace a
//     Retry-After sets for every page of a list.
//   - logging.go: the logging transport, and the client's own debug log.
//   - logging_secrets.go: taking webhook credentials out of a logged body.
//   - decode.go: decoding a body into an object with its required fields.
//   - json.go: a list of integers sent bare or as a list, and naming a
//     JSON value without repeating it.
//   - freeform.go: the bounds on free-form JSON an answer may carry.
//   - transport.go: the default HTTP transport, and one attempt of a
//     request through it.
//   - errors.go: the errors the package returns, what an error body says,
//     and taking the API key out of them.
//   - origin.go: who answered an error, as its body tells.
//   - config.go: Config, and the Client struct every file above adds
//     methods to.
//   - share.go: the table of identical reads a Client shares.
package client
