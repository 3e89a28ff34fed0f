package client

import "fmt"

// listState is a listing read so far, and the rules its pages must follow
// to add up to one list: each page at the offset asked for, not the page
// before it again, a total that does not keep growing, no more pages than
// any list needs, and nothing cut short. Items the list shifted onto a
// second page are kept once, at their first place. Pages are added in list
// order, whoever fetched them.
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
	growths             int
}

func newListState[T any](l listing[T], maxResults int) *listState[T] {
	return &listState[T]{endpoint: l.endpoint, key: l.key, maxResults: maxResults, result: &ListResult[T]{}, seen: map[string]bool{}}
}

func (s *listState[T]) fail(format string, args ...any) error {
	return &PaginationError{Endpoint: s.endpoint, Reason: fmt.Sprintf(format, args...)}
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
	if err := s.checkTotal(p.Total); err != nil {
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
	if s.keep(p.items) {
		return true, nil
	}
	s.offset = req.offset + int64(len(p.items))
	return s.atEnd(p.page)
}

// checkTotal refuses a total that grows too often or past what a list reads.
func (s *listState[T]) checkTotal(total *int64) error {
	if total == nil {
		return nil
	}
	if s.lastTotal != nil && *total > *s.lastTotal {
		s.growths++
		if s.growths > maxTotalGrowths {
			return s.fail("total grew from %d to %d, more than %d times during one read", *s.lastTotal, *total, maxTotalGrowths)
		}
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

// keep appends the items not seen before and reports whether maxResults
// items are now in hand.
func (s *listState[T]) keep(items []T) bool {
	if s.result.Items == nil && s.lastTotal != nil {
		// The list will hold about total items: one allocation, not a
		// doubling for every few pages.
		s.result.Items = make([]T, 0, s.capacity(*s.lastTotal, len(items)))
	}
	for i := range items {
		k := s.key(&items[i])
		if s.seen[k] {
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
