package client

import "fmt"

// listState is a listing read so far, and the rules its pages must follow
// to add up to one list: each page at the offset asked for, not the page
// before it again, one total throughout, no item listed twice, no more
// pages than any list needs, and as many items as the total says, nothing
// cut short. A total that changes, an item listed twice or a count that
// is not the total tell of a list that changed while it was read
// (PaginationError.Changed). Pages are added in list order, whoever
// fetched them.
type listState[T any] struct {
	endpoint   string
	key        func(*T) string
	maxResults int

	result *ListResult[T]
	seen   map[string]bool
	// offset is where the next page starts; pages counts those added.
	offset int64
	pages  int
	// first and last key of the previous page, and where it started.
	prevFirst, prevLast string
	prevOffset          int64
	lastTotal           *int64
	// repeated counts the items listed a second time; firstRepeat is the
	// first of them and repeatOffset the page it was listed again on.
	repeated     int
	firstRepeat  string
	repeatOffset int64
}

func newListState[T any](l listing[T], maxResults int) *listState[T] {
	return &listState[T]{endpoint: l.endpoint, key: l.key, maxResults: maxResults, result: &ListResult[T]{}, seen: map[string]bool{}}
}

func (s *listState[T]) fail(format string, args ...any) error {
	return &PaginationError{Endpoint: s.endpoint, Reason: fmt.Sprintf(format, args...)}
}

// changed is the error of a list that changed while it was read.
func (s *listState[T]) changed(format string, args ...any) error {
	return &PaginationError{Endpoint: s.endpoint, Reason: fmt.Sprintf(format, args...), Changed: true}
}

// next is the page to ask for next, or a PaginationError when the list has
// had as many pages as any list may.
func (s *listState[T]) next() (pageRequest, error) {
	if s.pages == maxPages {
		return pageRequest{}, s.fail("more than %d pages (%d items) and still not at the end", maxPages, len(s.result.Items))
	}
	return pageRequest{offset: s.offset, limit: s.limitAt(len(s.result.Items))}, nil
}

// limitAt is the page size to ask for when have items are in hand: a full
// page, or what is left of maxResults.
func (s *listState[T]) limitAt(have int) int {
	if s.maxResults > 0 {
		return min(pageLimit, s.maxResults-have)
	}
	return pageLimit
}

// add takes the page read for req and reports whether the list is complete.
// An error means the pages cannot add up to one list; nothing read is then
// returned.
func (s *listState[T]) add(req pageRequest, p *listPage[T]) (bool, error) {
	if p.Offset != nil && *p.Offset != req.offset {
		return false, s.fail("asked for the page at offset %d, got the page at offset %d", req.offset, *p.Offset)
	}
	if err := s.checkTotal(req.offset, p.Total); err != nil {
		return false, err
	}
	s.pages++
	if len(p.items) == 0 {
		if p.Total != nil && req.offset < *p.Total {
			// The same answer says there is more and gives none: the
			// list cannot be known to be whole.
			return false, s.fail("the page at offset %d is empty, but the API reports a total of %d", req.offset, *p.Total)
		}
		return true, nil
	}
	if err := s.checkNotRepeated(req.offset, p.items); err != nil {
		return false, err
	}
	if s.keep(req.offset, p.items) {
		return true, nil
	}
	s.offset = req.offset + int64(len(p.items))
	return s.atEnd(p.page)
}

// checkTotal refuses a total other than the one the pages before gave, and
// one past what a list reads.
func (s *listState[T]) checkTotal(offset int64, total *int64) error {
	if total == nil {
		return nil
	}
	if s.lastTotal != nil && *total != *s.lastTotal {
		return s.changed("the total went from %d to %d at the page at offset %d", *s.lastTotal, *total, offset)
	}
	if *total > maxListItems && (s.maxResults == 0 || s.maxResults > maxListItems) {
		return s.fail("total of %d items is more than the %d a list reads", *total, maxListItems)
	}
	s.lastTotal = total
	s.result.Total = total
	return nil
}

// checkNotRepeated refuses a page that starts and ends with the same items
// as the page before it: the API served that page again.
func (s *listState[T]) checkNotRepeated(offset int64, items []T) error {
	first, last := s.key(&items[0]), s.key(&items[len(items)-1])
	if s.pages > 1 && first == s.prevFirst && last == s.prevLast {
		return s.fail("page at offset %d returned the same items as offset %d", offset, s.prevOffset)
	}
	s.prevFirst, s.prevLast, s.prevOffset = first, last, offset
	return nil
}

// keep appends the items not seen before, counting those seen before, and
// reports whether maxResults items are now in hand.
func (s *listState[T]) keep(offset int64, items []T) bool {
	if s.result.Items == nil && s.lastTotal != nil {
		// The list will hold about total items: one allocation, not a
		// doubling for every few pages.
		s.result.Items = make([]T, 0, s.capacity(*s.lastTotal, len(items)))
	}
	for i := range items {
		k := s.key(&items[i])
		if s.seen[k] {
			if s.repeated == 0 {
				s.firstRepeat, s.repeatOffset = k, offset
			}
			s.repeated++
			continue
		}
		s.seen[k] = true
		s.result.Items = append(s.result.Items, items[i])
		if s.maxResults > 0 && len(s.result.Items) == s.maxResults {
			return true
		}
	}
	return false
}

// complete is the list read, once its last page is in: an error unless
// every item was listed once and there are as many as the total says (or
// maxResults of them).
func (s *listState[T]) complete() (*ListResult[T], error) {
	n := int64(len(s.result.Items))
	if s.repeated > 0 {
		return nil, s.changed("%d %s listed twice, the first %q again on the page at offset %d, leaving %d distinct %s%s",
			s.repeated, plural(s.repeated, "item was", "items were"), clean(s.firstRepeat), s.repeatOffset, n, plural(int(n), "item", "items"), s.ofTotal())
	}
	if t := s.result.Total; t != nil {
		want := *t
		if s.maxResults > 0 {
			want = min(want, int64(s.maxResults))
		}
		if n != want {
			return nil, s.changed("the pages held %d items, where the API reports a total of %d", n, *t)
		}
	}
	return s.result, nil
}

// ofTotal is ", where the API reports a total of N", or "" with no total.
func (s *listState[T]) ofTotal() string {
	if s.result.Total == nil {
		return ""
	}
	return fmt.Sprintf(", where the API reports a total of %d", *s.result.Total)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// capacity is what to reserve for a list whose first page says total.
func (s *listState[T]) capacity(total int64, first int) int {
	n := max(total, int64(first))
	if s.maxResults > 0 {
		n = min(n, int64(s.maxResults))
	}
	return int(min(n, maxListItems))
}

// atEnd reports whether the page just added, now behind s.offset, ends the
// list: offset has reached total, or nothing says more follows. A page that
// says none follows while total says more is an error: the list would be
// cut.
func (s *listState[T]) atEnd(p *page) (bool, error) {
	more := p.Total == nil || s.offset < *p.Total
	switch next := string(p.NextPageURI); {
	case !more:
		return true, nil
	case next == "null" || next == `""`:
		if p.Total != nil {
			// The same answer says there is no next page and that
			// there are more items: the list cannot be whole.
			return false, s.fail("the API says no page follows offset %d, but reports a total of %d", s.offset, *p.Total)
		}
		return true, nil
	case next == "" && p.Total == nil:
		// Neither a next page nor a total: nothing says there is more.
		return true, nil
	}
	return false, nil
}
