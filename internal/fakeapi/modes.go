package fakeapi

// Modes choose among the answers the real API might give where its docs are
// silent. The zero value of each field is the fake's default reading; the
// package documentation lists every value.
type Modes struct {
	// Foreign is the answer to a key used on another workspace than its own.
	Foreign ForeignMode
	// Search is how a list's search parameter matches names.
	Search SearchMode
	// Total is how a list reports its total.
	Total TotalMode
	// Links is how a list writes next_page_uri and prev_page_uri.
	Links LinkMode
	// UnknownStatus is the answer to a campaign_status outside the five
	// documented ones.
	UnknownStatus UnknownStatusMode
	// UnknownSortBy is the answer to a sort_by outside created_at, name and
	// updated_at.
	UnknownSortBy UnknownSortByMode
	// Missing is how an id that does not exist is answered.
	Missing MissingMode
	// ExtraFields adds a field the provider does not know (ExtraField) to
	// every JSON object served, except inside the free-form maps
	// (webhook_config.metadata, custom_headers), whose keys are data.
	ExtraFields bool
}

// ForeignMode answers a key used on another workspace.
type ForeignMode int

const (
	// ForeignForbidden answers 403, type permission_error, code
	// workspace_access_denied.
	ForeignForbidden ForeignMode = iota
	// ForeignNotFound answers 404, type not_found_error, code
	// workspace_not_found, naming the workspace.
	ForeignNotFound
	// ForeignHidden answers as if the workspace held nothing: an item is
	// not found (its own 404) and a list is empty.
	ForeignHidden
	// ForeignOpen serves every workspace to every key the server knows.
	// The docs say a key belongs to one workspace; this is for tests about
	// paths rather than access.
	ForeignOpen
)

// MissingMode is how the API answers an id that does not exist: the docs
// show one error shape, and a FastAPI application answers the way its route
// raises the error.
type MissingMode int

const (
	// MissingDocumented answers 404 with the documented error shape:
	// {"error":{"message":"Campaign ID not found","type":"not_found_error",
	// "code":"campaign_not_found"}}.
	MissingDocumented MissingMode = iota
	// MissingDetail answers 404 {"detail":"Campaign not found"}, as a
	// FastAPI route raising HTTPException(404, "Campaign not found") does.
	MissingDetail
	// MissingBare answers 404 {"detail":"Not Found"}, the same body as for
	// a path no route serves, as an API that reports a missing object by
	// FastAPI's default would.
	MissingBare
)

// SearchMode is how search matches an item's name.
type SearchMode int

const (
	// SearchFoldSubstring matches names containing the term, ignoring case.
	SearchFoldSubstring SearchMode = iota
	// SearchSubstring matches names containing the term, case and all.
	SearchSubstring
	// SearchExact matches names equal to the term, case and all.
	SearchExact
	// SearchFoldPrefix matches names starting with the term, ignoring case.
	SearchFoldPrefix
	// SearchIgnored lists everything, whatever the term.
	SearchIgnored
)

// TotalMode is how a list reports its total.
type TotalMode int

const (
	// TotalReported reports the number of matching items.
	TotalReported TotalMode = iota
	// TotalOmitted leaves the total field out of the envelope.
	TotalOmitted
	// TotalNull reports "total": null.
	TotalNull
)

// LinkMode is how a list writes next_page_uri and prev_page_uri.
type LinkMode int

const (
	// LinkFromRoot writes the path from the host's root, with the API's
	// mount and the query: /api/scheduling/v1/orgs/…/campaigns?limit=10&offset=10.
	LinkFromRoot LinkMode = iota
	// LinkAbsolute writes a whole URL: http://host/api/scheduling/v1/….
	LinkAbsolute
	// LinkFromBase writes the path from the API's base URL: /v1/orgs/….
	LinkFromBase
	// LinkOmitted leaves both fields out of the envelope.
	LinkOmitted
)

// UnknownStatusMode answers a campaign_status outside the documented five.
type UnknownStatusMode int

const (
	// UnknownStatusFiltered filters on it like any other value: a list of
	// the campaigns with that status, usually none.
	UnknownStatusFiltered UnknownStatusMode = iota
	// UnknownStatusEmpty answers an empty list, even when some campaign
	// has that status.
	UnknownStatusEmpty
	// UnknownStatusRejected answers 422 with the API's validation error
	// body, naming campaign_status.
	UnknownStatusRejected
)

// UnknownSortByMode answers a sort_by outside created_at, name and updated_at.
type UnknownSortByMode int

const (
	// UnknownSortByRejected answers 422 with the API's validation error body.
	UnknownSortByRejected UnknownSortByMode = iota
	// UnknownSortByIgnored sorts by created_at instead.
	UnknownSortByIgnored
)

// SetModes replaces every mode at once.
func (s *Server) SetModes(m Modes) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.modes = m
}

// Modes returns the modes in force.
func (s *Server) Modes() Modes {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.modes
}

// ListMode makes list endpoints misbehave, for tests of a client's paging
// guards. Every mode applies to every list endpoint until the next
// SetListMode.
type ListMode int

const (
	// ListNormal pages as the API documents.
	ListNormal ListMode = iota
	// ListRepeatPage answers every request with the first page, offset 0
	// and a next_page_uri to offset=limit, whatever offset was asked for:
	// a client that follows next_page_uri gets the same page forever.
	ListRepeatPage
	// ListIgnoreOffset serves the items at offset 0 whatever offset was
	// asked for, but reports the offset asked for and links onwards from
	// it, so the pages advance while their items repeat.
	ListIgnoreOffset
	// ListGrowingTotal serves the right items but reports a total that
	// grows by limit with every list request, so there is always a next
	// page, empty once the real items run out.
	ListGrowingTotal
	// ListShift stores a new item after every page it serves and lists it
	// ahead of everything else, as a campaign created mid-read is under the
	// default newest-first order: the last item of one page comes again
	// first on the next. A new item matches the request's search and status
	// filters (its name contains the search term) and is kept, so it can be
	// read by id.
	ListShift
	// ListEndless serves the real items, then generated ones without end,
	// with a total always one page beyond the page served and always a
	// next_page_uri. Generated items are made up per position (ids
	// ENDLESS-000000 and on) and not stored.
	ListEndless
)
