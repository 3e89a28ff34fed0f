// Package fakeapi is an in-memory Sarvam scheduling API for tests and the demo.
//
// It serves the API under BasePath only, as the real one does: a base URL is
// the server's URL plus BasePath. Each kind of resource has a route in
// routes.go and a folder of fixtures under fixtures/; authentication, fault
// injection and request recording wrap every route.
//
// # Routes
//
// All GET, under BasePath + /v1/orgs/{org}/workspaces/{ws}:
//
//	/campaigns                          list (campaign_status, search, sort_by, sort_order, offset, limit)
//	/campaigns/{campaign}               one campaign
//	/campaigns/{campaign}/cohorts       list (search, sort_by, sort_order, offset, limit)
//	/campaigns/{campaign}/cohorts/{id}  one cohort
//	/webhooks                           list (search, sort_by, sort_order, offset, limit)
//	/webhooks/{webhook}                 one webhook configuration
//
// Lists share one envelope, {items, total, limit, offset, next_page_uri,
// prev_page_uri}, and one set of guards: limit 1 to 100 (default 10), offset
// at least 0, sort_by created_at, name or updated_at, sort_order asc or desc,
// each refused with a 422 in the API's documented error shape,
// {"error":{"message","type","code","data":{"details":[{loc,msg,type}]}}}.
// Campaign list items hold the 11 summary fields; cohort and webhook list
// items are whole, as GET serves them.
//
// # Constructors
//
//   - New(apiKey): the demo data (fixtures/ and the listing campaigns) in
//     OrgID/WorkspaceID, with apiKey bound there.
//   - NewFrom(Options): the demo data or a directory of fixtures, in the
//     org and workspace given, with the key given bound there. The command
//     cmd/sarvam-fakeapi serves it.
//   - NewGenerated(apiKey, seed): a data set made from seed, unlike the demo
//     in every name and count (see Generated), with apiKey bound to its
//     workspace.
//
// # Fixtures
//
// A fixtures directory, the bundled fixtures/ or Options.Fixtures, holds one
// JSON object per file:
//
//	campaigns/*.json                   a Get Campaign response
//	cohorts/<campaign_id>/*.json       a cohort of the campaign with that campaign_id
//	webhooks/*.json                    a webhook configuration
//	faults.json                        optional path faults (below)
//
// File names are free; the id inside each body is the one served. Files not
// ending in .json are skipped. Each body is served as written, and listed
// in its kind's list. NewFrom checks every file against what the API can
// return and refuses the directory with a *FixtureError listing each file,
// field and problem: a required field missing or null, a value of the
// wrong type (an integer, a number, a string, a list, an object, true or
// false), a timestamp that does not parse, a file that is not one JSON
// object, a file outside the layout, an id given twice, a cohort whose
// folder names no campaign; a file that is not JSON is named with the line
// and column. A field the API does not document is served, as the API may
// add some, and reported as a note with the documented field it most
// likely meant ("allowed_end": did you mean allowed_end_time?), since the
// provider ignores it and the field meant then reads as absent;
// Options.Strict makes it a problem. An enum value outside the documented
// ones (a status, app_type, a day name) is served, since the provider
// passes it through, and reported as a note.
//
// # Keys
//
// A key belongs to one org and workspace, as a real one does. New binds its
// key to OrgID/WorkspaceID; AddKey binds more, each to its own workspace. A
// missing key is 401 missing_api_key and an unknown one 401
// invalid_api_key, whatever the path. A known key on another workspace is
// answered as Modes.Foreign says.
//
// # Modes
//
// SetModes chooses among the answers the real API might give where its docs
// are silent. Every field's zero value, marked *, is the default.
//
//	Foreign        a known key on another workspace than its own:
//	             * ForeignForbidden       403 permission_error, code workspace_access_denied
//	               ForeignNotFound        404 not_found_error, code workspace_not_found, "Workspace W not found"
//	               ForeignHidden          as if empty: an item is 404 as an unknown id, a list is empty
//	               ForeignOpen            every known key reads every workspace (for tests about paths)
//	Missing        an id that does not exist (also a cohort's unknown campaign):
//	             * MissingDocumented      404 {"error":{"message":"Campaign ID not found","type":"not_found_error","code":"campaign_not_found"}}
//	               MissingDetail          404 {"detail":"Campaign not found"}, as a FastAPI route raises it
//	               MissingBare            404 {"detail":"Not Found"}, the same as a path no route serves
//	Search         how search matches names, on every list:
//	             * SearchFoldSubstring    contains the term, any case
//	               SearchSubstring        contains the term, same case
//	               SearchExact            equals the term, same case
//	               SearchFoldPrefix       starts with the term, any case
//	               SearchIgnored          everything, whatever the term
//	Total        * TotalReported          "total": N
//	               TotalOmitted           no total field
//	               TotalNull              "total": null
//	Links          next_page_uri and prev_page_uri:
//	             * LinkFromRoot           /api/scheduling/v1/…?limit=…&offset=…
//	               LinkAbsolute           http://host/api/scheduling/v1/…
//	               LinkFromBase           /v1/… (relative to the base URL)
//	               LinkOmitted            neither field
//	UnknownStatus  a campaign_status outside scheduled, active, paused, ended, cancelled:
//	             * UnknownStatusFiltered  filters like any value (usually an empty list)
//	               UnknownStatusEmpty     an empty list, whatever is stored
//	               UnknownStatusRejected  422, details loc ["query","campaign_status"]
//	UnknownSortBy  a sort_by outside created_at, name, updated_at:
//	             * UnknownSortByRejected  422, details loc ["query","sort_by"]
//	               UnknownSortByIgnored   sorts by created_at
//	ExtraFields  * false
//	               true                   ExtraField (value ExtraValue) in every object served:
//	                                      campaigns and their nested objects, list envelopes and
//	                                      items, cohorts, webhook configurations; never inside
//	                                      webhook_config.metadata or custom_headers, whose keys
//	                                      are data
//
// # Paging misbehaviour
//
// SetListMode makes every list misbehave, for tests of a client's paging
// guards: ListNormal (default), ListRepeatPage, ListIgnoreOffset,
// ListGrowingTotal, ListShift, ListEndless; see each constant.
//
// # Faults
//
// Inject queues Faults; each request, whatever its path and key, takes the
// next one instead of the API's answer: a Status with a Body and Header
// (429 with Retry-After, 500, 503 …), a Delay before it, a Hang until the
// client gives up, a StallAfter some bytes, or a Reset of the connection.
//
// AddPathFault makes one path answer a Fault every time, or its first Times
// times, whatever the key, after any queued fault: a campaign that is 404,
// 429 with Retry-After, 500 or hangs. ParseFault reads the command line's
// form, PATH=STATUS|hang[,retry-after=SECONDS][,delay=DURATION][,times=N],
// and faults.json holds a list of {"path", "status" or "hang",
// "retry_after", "delay", "times", "body"}. PATH is below the workspace, as
// sent ("campaigns/MKN-1", "webhooks"), in any workspace, with or without a
// leading "/", or a whole path when it starts with /api/scheduling/v1/orgs/.
// ParseFault and faults.json refuse a PATH that no route has (such as
// "campaign/MKN-1"), naming the route it most likely meant, since its fault
// would never answer. A status without a body gets the API's error
// body: 404 not_found_error, 429 rate_limit_error, others api_error or
// invalid_request_error.
//
// # Request log
//
// SetRequestLog writes a line per request once answered: method, path and
// query as sent, status, and "(fault SPEC)" when a path fault answered
// ("(fault queued)" for Inject). Headers are never written, and a key the
// server accepts is redacted wherever it appears. Every answer carries the
// Server header ServerHeader.
//
// RequestDelay and ConnDelay hold every request, or each connection's first.
// Every wait goes through the server's sleep, which tests replace.
//
// # Command-line flags
//
// RegisterFlags gives each mode a flag, its values written in words:
// -foreign forbidden|not-found|hidden|open, -missing
// documented|detail|bare, -search
// fold-substring|substring|exact|fold-prefix|ignored, -total
// reported|omitted|null, -links from-root|absolute|from-base|omitted,
// -unknown-status filtered|empty|rejected, -unknown-sort-by
// rejected|ignored, -list-mode
// normal|repeat-page|ignore-offset|growing-total|shift|endless, and
// -extra-fields.
//
// # Files
//
// Its files read from the top down. Each uses only what its own layer and
// the layers below it declare, never a name from a layer above
// (layers_test.go reads this list and holds the package to it):
//
//   - fakeapi.go, generated.go, flags.go: the seeded ids, the constructors
//     New, NewFrom and NewGenerated, the methods tests call, the handlers
//     every request goes through before its route, and the command-line
//     flags.
//   - routes.go, list.go, keys.go, faults.go, pathfaults.go: the routes and
//     their answers: one item, a page of a list, a key's workspace, a
//     fault, and the path faults with faults.json.
//   - server.go, modes.go, reqlog.go: the Server every file above adds
//     methods to, Fault and PathFault, the modes, and the request log.
//   - load.go: reading a fixtures directory and loading it into a store.
//   - schema.go: the shapes a fixture is checked against.
//   - store.go: the kinds of resource, the store of items, and their
//     timestamps as lists sort them.
//   - synth.go, extra.go: the bodies of generated items, and the field the
//     ExtraFields mode adds.
package fakeapi
