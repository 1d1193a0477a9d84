package audit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/oklog/ulid/v2"
	"golang.org/x/sys/unix"
)

// The outbox is a directory of segment files. Each process appends to
// segments of its own, created under a temporary name, locked (flock,
// exclusive) and only then renamed to NAME.seg, so that every *.seg file
// is locked by its owner for as long as the owner lives. A process that can
// lock someone else's segment knows its owner is gone, and adopts it.
//
// Segment file:
//
//	header (16 bytes): "CXOB" | version uint16 | reserved uint16 | ack uint64
//	frames:            magic uint32 | length uint32 | crc32c uint32 | enqueued unix ms int64 | payload
//
// ack is the offset up to which frames were shipped (the header's end at
// first); it is rewritten in place after each shipped batch, without an
// fsync: a stale ack only makes records ship twice, which the store ignores.
// The checksum (Castagnoli) covers the time and the payload, one record's
// JSON. A frame that fails its check (a write torn by a crash or a power
// loss) ends the valid data, unless a valid frame follows it.
const (
	segMagic        = "CXOB"
	segVersion      = 1
	segHeaderSize   = 16
	segSuffix       = ".seg"
	tmpSuffix       = ".tmp"
	frameMagic      = 0x43584652 // "CXFR"
	frameHeaderSize = 20
	maxFramePayload = 256 << 20
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// frame is where one record sits in a segment.
type frame struct {
	off, end int64
	at       time.Time // when it was appended
}

func (f frame) size() int64 { return f.end - f.off }

type segment struct {
	name string // base name
	f    *os.File
	own  bool // created by this process

	size atomic.Int64 // end of the last frame written; written under outbox.mu

	// Guarded by outbox.mu.
	ack       int64   // frames before it are shipped
	pending   []frame // written, not yet shipped, in order
	sealed    bool    // no more appends: rotated, adopted or broken
	dirSynced bool    // its directory entry is on disk

	// Lock order: outbox.mu before syncMu; syncTo never holds both.
	syncMu  sync.Mutex // one fdatasync at a time; guards syncErr, and f against retire
	synced  atomic.Int64
	syncErr error
}

// outbox is the durable queue between Append and the store. See the
// package documentation for its guarantees.
type outbox struct {
	dir string
	cfg Config
	log *slog.Logger

	mu             sync.Mutex
	closed         bool
	active         *segment
	segs           []*segment // every segment held (own and adopted), oldest first
	pendingBytes   int64
	pendingRecords int
	failure        error // the last write or fsync failure, until a write succeeds
	lastProbe      time.Time
	corrupt        atomic.Uint64 // frames that failed their checksum
	fsyncs         atomic.Uint64 // fdatasyncs of segments
	adopted        atomic.Uint64 // records found in adopted segments

	notify chan struct{} // records to ship
	dirty  chan struct{} // bytes to fsync (batch durability)
}

func newOutbox(cfg Config) (*outbox, error) {
	dir := filepath.Join(cfg.DataDir, "outbox")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create outbox %s: %w", dir, classify(err))
	}
	return &outbox{
		dir:    dir,
		cfg:    cfg,
		log:    cfg.Logger,
		notify: make(chan struct{}, 1),
		dirty:  make(chan struct{}, 1),
	}, nil
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// classify wraps the errors that mean the data directory cannot take
// records with ErrDiskFull or ErrReadOnly, keeping the cause.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	case errors.Is(err, syscall.EROFS), errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM):
		return fmt.Errorf("%w: %w", ErrReadOnly, err)
	}
	return err
}

// probeInterval bounds how often Ready retries a write after a failure.
const probeInterval = time.Second

// ready checks, cheaply, that an execution may start: the outbox is under
// its limit, the data directory is writable and has room, the last write
// did not fail, and a segment is open to take the record.
func (o *outbox) ready() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return ErrClosed
	}
	if o.pendingBytes >= o.cfg.MaxOutboxBytes {
		return fmt.Errorf("%w: %w: %d records (%s) wait to be shipped in %s, the limit is %s; executions are refused until the store takes them",
			ErrNotReady, ErrOutboxFull, o.pendingRecords, fmtBytes(o.pendingBytes), o.dir, fmtBytes(o.cfg.MaxOutboxBytes))
	}
	var st unix.Statfs_t
	if err := unix.Statfs(o.dir, &st); err != nil {
		return fmt.Errorf("%w: check outbox %s: %w", ErrNotReady, o.dir, classify(err))
	}
	if st.Flags&unix.ST_RDONLY != 0 {
		return fmt.Errorf("%w: %w: outbox %s is on a read-only file system", ErrNotReady, ErrReadOnly, o.dir)
	}
	if free := int64(st.Bavail) * st.Bsize; free < o.cfg.MinFreeBytes {
		return fmt.Errorf("%w: %w: %s free in %s, executions need at least %s",
			ErrNotReady, ErrDiskFull, fmtBytes(free), o.dir, fmtBytes(o.cfg.MinFreeBytes))
	}
	if err := unix.Faccessat(unix.AT_FDCWD, o.dir, unix.W_OK, unix.AT_EACCESS); err != nil {
		return fmt.Errorf("%w: outbox %s: %w", ErrNotReady, o.dir, classify(err))
	}
	if o.failure != nil {
		if time.Since(o.lastProbe) < probeInterval {
			return fmt.Errorf("%w: the last write to the outbox failed: %w", ErrNotReady, o.failure)
		}
		// Try a real write: a new segment.
		o.lastProbe = time.Now()
		o.seal(o.active)
	}
	if _, err := o.activeSegment(0); err != nil {
		return fmt.Errorf("%w: %w", ErrNotReady, err)
	}
	return nil
}

// activeSegment returns the segment to append n bytes to, starting a new
// one when there is none or the current one is full. o.mu is held.
func (o *outbox) activeSegment(n int) (*segment, error) {
	if s := o.active; s != nil && !s.sealed && (s.size.Load() == segHeaderSize || s.size.Load()+int64(n) <= o.cfg.SegmentBytes) {
		return s, nil
	}
	o.seal(o.active)
	s, err := o.createSegment()
	if err != nil {
		o.failure, o.lastProbe = err, time.Now()
		return nil, err
	}
	o.failure = nil
	o.active = s
	o.segs = append(o.segs, s)
	return s, nil
}

// seal stops appends to s; once shipped it is deleted. o.mu is held.
func (o *outbox) seal(s *segment) {
	if s == nil {
		return
	}
	s.sealed = true
	if o.active == s {
		o.active = nil
	}
	o.retireIfDone(s)
}

func (o *outbox) createSegment() (*segment, error) {
	// The name is unique without the pid (which two containers sharing a
	// data directory may both have): a ULID from the ids' entropy.
	name := fmt.Sprintf("%s-%d%s", ulid.MustNew(ulid.Now(), idEntropy), os.Getpid(), segSuffix)
	path := filepath.Join(o.dir, name)
	tmp := filepath.Join(o.dir, "."+name+tmpSuffix)
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create outbox segment in %s: %w", o.dir, classify(err))
	}
	fail := func(what string, err error) (*segment, error) {
		f.Close()
		os.Remove(tmp)
		return nil, fmt.Errorf("%s outbox segment %s: %w", what, path, classify(err))
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		return fail("lock", err)
	}
	hdr := make([]byte, segHeaderSize)
	copy(hdr, segMagic)
	binary.BigEndian.PutUint16(hdr[4:], segVersion)
	binary.BigEndian.PutUint64(hdr[8:], segHeaderSize)
	if _, err := f.WriteAt(hdr, 0); err != nil {
		return fail("write", err)
	}
	if err := publish(tmp, path); err != nil {
		return fail("publish", err)
	}
	tmp = path // what fail removes from now on
	s := &segment{name: name, f: f, own: true, ack: segHeaderSize}
	s.size.Store(segHeaderSize)
	if o.cfg.Durability == DurabilitySync {
		// The first record's fsync must find the file's name on disk.
		if err := unix.Fdatasync(int(f.Fd())); err != nil {
			return fail("sync", err)
		}
		if err := syncDir(o.dir); err != nil {
			return fail("sync the directory of", err)
		}
		s.synced.Store(segHeaderSize)
		s.dirSynced = true
	}
	return s, nil
}

// publish renames tmp to path, never over an existing file: a segment
// another process published under the same name keeps its records.
// File systems without RENAME_NOREPLACE get a plain rename.
func publish(tmp, path string) error {
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, path, unix.RENAME_NOREPLACE)
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return os.Rename(tmp, path)
	}
	if err != nil {
		return &os.LinkError{Op: "rename", Old: tmp, New: path, Err: err}
	}
	return nil
}

// pathless drops the file name of an *os.PathError.
func pathless(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Op, pe.Err)
	}
	return err
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// append writes one record's frame and returns where it ends. The frame is
// in the kernel (it survives the process) when append returns.
func (o *outbox) append(payload []byte, at time.Time) (*segment, int64, error) {
	buf := make([]byte, frameHeaderSize+len(payload))
	binary.BigEndian.PutUint32(buf[0:], frameMagic)
	binary.BigEndian.PutUint32(buf[4:], uint32(len(payload)))
	binary.BigEndian.PutUint64(buf[12:], uint64(at.UnixMilli()))
	copy(buf[frameHeaderSize:], payload)
	binary.BigEndian.PutUint32(buf[8:], crc32.Checksum(buf[12:], castagnoli))
	n := int64(len(buf))

	o.mu.Lock()
	defer o.mu.Unlock()
	if o.closed {
		return nil, 0, ErrClosed
	}
	if hard := o.cfg.MaxOutboxBytes + o.cfg.MaxOutboxBytes/4; o.pendingBytes+n > hard {
		return nil, 0, fmt.Errorf("%w: %d records (%s) wait to be shipped in %s, over the hard limit of %s",
			ErrOutboxFull, o.pendingRecords, fmtBytes(o.pendingBytes), o.dir, fmtBytes(hard))
	}
	s, err := o.activeSegment(len(buf))
	if err != nil {
		return nil, 0, err
	}
	off := s.size.Load()
	if _, err := s.f.WriteAt(buf, off); err != nil {
		err = classify(pathless(err)) // the file's name in the error may be its temporary one
		// Take back whatever part of the frame reached the file; if that
		// fails too, the segment ends here.
		if terr := s.f.Truncate(off); terr != nil {
			o.seal(s)
		}
		o.failure, o.lastProbe = err, time.Now()
		return nil, 0, fmt.Errorf("write record to outbox segment %s: %w", filepath.Join(o.dir, s.name), err)
	}
	s.size.Store(off + n)
	s.pending = append(s.pending, frame{off: off, end: off + n, at: at})
	o.pendingBytes += n
	o.pendingRecords++
	o.failure = nil
	signal(o.notify)
	if o.cfg.Durability == DurabilityBatch {
		signal(o.dirty)
	}
	return s, off + n, nil
}

// syncTo returns once s is on disk up to end, sharing fsyncs: whoever
// holds syncMu syncs everything written so far, for every waiter (group
// commit).
func (o *outbox) syncTo(s *segment, end int64) error {
	for s.synced.Load() < end {
		s.syncMu.Lock()
		if s.synced.Load() >= end {
			s.syncMu.Unlock()
			return nil
		}
		if err := s.syncErr; err != nil {
			s.syncMu.Unlock()
			return err
		}
		if s.f == nil { // retired: everything in it was shipped
			s.syncMu.Unlock()
			return nil
		}
		target := s.size.Load()
		o.fsyncs.Add(1)
		err := unix.Fdatasync(int(s.f.Fd()))
		if err != nil {
			err = fmt.Errorf("fsync outbox segment %s: %w", filepath.Join(o.dir, s.name), classify(err))
			s.syncErr = err
		} else if target > s.synced.Load() {
			s.synced.Store(target)
		}
		s.syncMu.Unlock()
		if err != nil {
			o.mu.Lock()
			o.failure, o.lastProbe = err, time.Now()
			o.seal(s) // after a failed fsync the page cache cannot be trusted
			o.mu.Unlock()
			o.log.Error("audit outbox: fsync failed; new records go to a new segment", "error", err)
			return err
		}
	}
	return nil
}

// syncAll fsyncs every own segment that has unsynced bytes, and the
// directory when a segment was created since the last time.
func (o *outbox) syncAll() error {
	o.mu.Lock()
	var todo []*segment
	var ends []int64
	needDir := false
	for _, s := range o.segs {
		if size := s.size.Load(); s.own && s.f != nil && s.synced.Load() < size {
			todo = append(todo, s)
			ends = append(ends, size)
		}
		if s.own && !s.dirSynced {
			needDir = true
			s.dirSynced = true
		}
	}
	o.mu.Unlock()
	var errs []error
	if needDir {
		if err := syncDir(o.dir); err != nil {
			errs = append(errs, fmt.Errorf("fsync outbox directory %s: %w", o.dir, err))
		}
	}
	for i, s := range todo {
		if err := o.syncTo(s, ends[i]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// flushLoop fsyncs, in batch durability, within FlushInterval of a write.
func (o *outbox) flushLoop(stop <-chan struct{}) {
	for {
		select {
		case <-o.dirty:
		case <-stop:
			return
		}
		t := time.NewTimer(o.cfg.FlushInterval)
		select {
		case <-t.C:
		case <-stop:
			t.Stop()
			return // close syncs what is left
		}
		if err := o.syncAll(); err != nil {
			o.log.Error("audit outbox: background fsync failed", "error", err)
		}
	}
}

// scan adopts the segments of processes that are gone: every *.seg file
// it can lock, and whose name still points to the locked file.
func (o *outbox) scan() error {
	entries, err := os.ReadDir(o.dir)
	if err != nil {
		return fmt.Errorf("list outbox %s: %w", o.dir, err)
	}
	o.mu.Lock()
	held := make(map[string]bool, len(o.segs))
	for _, s := range o.segs {
		held[s.name] = true
	}
	o.mu.Unlock()
	var errs []error
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(o.dir, name)
		if strings.HasPrefix(name, ".") && strings.HasSuffix(name, tmpSuffix) {
			o.removeStaleTemp(path)
			continue
		}
		if !strings.HasSuffix(name, segSuffix) || held[name] {
			continue
		}
		s, err := o.adopt(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if s == nil {
			continue
		}
		o.mu.Lock()
		if o.closed {
			o.mu.Unlock()
			s.f.Close()
			break
		}
		o.segs = append(o.segs, s)
		for _, fr := range s.pending {
			o.pendingBytes += fr.size()
		}
		o.pendingRecords += len(s.pending)
		o.retireIfDone(s)
		o.mu.Unlock()
		if len(s.pending) > 0 {
			o.adopted.Add(uint64(len(s.pending)))
			o.log.Info("audit outbox: adopted a segment left by another process",
				"segment", path, "records", len(s.pending))
			signal(o.notify)
		}
	}
	// Oldest first: names start with a ULID.
	o.mu.Lock()
	sort.SliceStable(o.segs, func(i, j int) bool { return o.segs[i].name < o.segs[j].name })
	o.mu.Unlock()
	return errors.Join(errs...)
}

// removeStaleTemp deletes a segment that a process began to create and
// never published (it died in between), once it is clearly abandoned.
func (o *outbox) removeStaleTemp(path string) {
	fi, err := os.Stat(path)
	if err != nil || time.Since(fi.ModTime()) < time.Minute {
		return
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return
	}
	defer f.Close()
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil {
		os.Remove(path)
	}
}

// adopt locks and reads the segment at path; it returns nil, nil when the
// segment belongs to a live process or is already gone.
func (o *outbox) adopt(path string) (*segment, error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open outbox segment %s: %w", path, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, nil // its owner is alive, or another process adopted it
		}
		return nil, fmt.Errorf("lock outbox segment %s: %w", path, err)
	}
	// The name may have been removed (and the segment shipped) between
	// our open and our lock.
	var fst, pst unix.Stat_t
	if unix.Fstat(int(f.Fd()), &fst) != nil || unix.Stat(path, &pst) != nil || fst.Ino != pst.Ino || fst.Dev != pst.Dev {
		f.Close()
		return nil, nil
	}
	data, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read outbox segment %s: %w", path, err)
	}
	s := &segment{name: filepath.Base(path), f: f, sealed: true, dirSynced: true}
	if len(data) < segHeaderSize || string(data[:4]) != segMagic {
		// Created but never written (the owner died at once): nothing in it.
		o.log.Warn("audit outbox: removing a segment without a header", "segment", path, "bytes", len(data))
		s.size.Store(int64(len(data)))
		s.ack = int64(len(data))
		return s, nil
	}
	if v := binary.BigEndian.Uint16(data[4:]); v != segVersion {
		f.Close()
		return nil, fmt.Errorf("outbox segment %s: unknown version %d", path, v)
	}
	ack := int64(binary.BigEndian.Uint64(data[8:]))
	if ack < segHeaderSize || ack > int64(len(data)) {
		ack = segHeaderSize // a damaged ack: ship all again, the store skips duplicates
	}
	s.ack = ack
	frames, skipped := parseFrames(data, ack)
	if skipped > 0 {
		o.corrupt.Add(1)
		o.log.Error("audit outbox: skipped damaged bytes in an adopted segment",
			"segment", path, "bytes", skipped)
	}
	s.pending = frames
	s.size.Store(int64(len(data)))
	s.synced.Store(int64(len(data)))
	return s, nil
}

// parseFrames returns the valid frames of data from off on, and how many
// bytes it had to skip to find them.
func parseFrames(data []byte, off int64) ([]frame, int64) {
	var frames []frame
	var skipped int64
	magic := binary.BigEndian.AppendUint32(nil, frameMagic)
	for off < int64(len(data)) {
		if end, at, ok := checkFrame(data, off); ok {
			frames = append(frames, frame{off: off, end: end, at: at})
			off = end
			continue
		}
		next := bytes.Index(data[off+1:], magic)
		if next < 0 {
			skipped += int64(len(data)) - off
			break
		}
		skipped += int64(next) + 1
		off += int64(next) + 1
	}
	return frames, skipped
}

// checkFrame validates the frame at off in data.
func checkFrame(data []byte, off int64) (end int64, at time.Time, ok bool) {
	if int64(len(data))-off < frameHeaderSize {
		return 0, time.Time{}, false
	}
	h := data[off:]
	n := int64(binary.BigEndian.Uint32(h[4:]))
	if binary.BigEndian.Uint32(h) != frameMagic || n > maxFramePayload || int64(len(h)) < frameHeaderSize+n {
		return 0, time.Time{}, false
	}
	body := h[12 : frameHeaderSize+n]
	if crc32.Checksum(body, castagnoli) != binary.BigEndian.Uint32(h[8:]) {
		return 0, time.Time{}, false
	}
	ms := int64(binary.BigEndian.Uint64(h[12:]))
	return off + frameHeaderSize + n, time.UnixMilli(ms), true
}

// next returns up to maxN pending frames of s, of at most maxBytes in all
// (at least one), with their payloads read from the file.
func (o *outbox) next(s *segment, maxN int, maxBytes int64) ([]frame, [][]byte, error) {
	o.mu.Lock()
	var frames []frame
	var total int64
	for _, fr := range s.pending {
		if len(frames) == maxN || (len(frames) > 0 && total+fr.size() > maxBytes) {
			break
		}
		frames = append(frames, fr)
		total += fr.size()
	}
	o.mu.Unlock()
	if len(frames) == 0 {
		return nil, nil, nil
	}
	first := frames[0].off
	buf := make([]byte, frames[len(frames)-1].end-first)
	if _, err := s.f.ReadAt(buf, first); err != nil {
		return nil, nil, fmt.Errorf("read outbox segment %s: %w", filepath.Join(o.dir, s.name), err)
	}
	payloads := make([][]byte, len(frames))
	for i, fr := range frames {
		rel := fr.off - first
		if _, _, ok := checkFrame(buf, rel); !ok {
			payloads[i] = nil // damaged since it was written
			continue
		}
		payloads[i] = buf[rel+frameHeaderSize : fr.end-first]
	}
	return frames, payloads, nil
}

// shipped records that the first n pending frames of s are in the store.
func (o *outbox) shipped(s *segment, n int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if n == 0 || n > len(s.pending) {
		return
	}
	var bytes int64
	for _, fr := range s.pending[:n] {
		bytes += fr.size()
	}
	s.ack = s.pending[n-1].end
	s.pending = s.pending[n:]
	if cap(s.pending) > 1024 && len(s.pending) < cap(s.pending)/4 {
		s.pending = append([]frame(nil), s.pending...)
	}
	o.pendingBytes -= bytes
	o.pendingRecords -= n
	var ack [8]byte
	binary.BigEndian.PutUint64(ack[:], uint64(s.ack))
	if _, err := s.f.WriteAt(ack[:], 8); err != nil {
		o.log.Warn("audit outbox: cannot record shipping progress; records may ship twice", "segment", s.name, "error", err)
	}
	o.retireIfDone(s)
}

// retireIfDone deletes a sealed segment with nothing left to ship. o.mu is
// held.
func (o *outbox) retireIfDone(s *segment) {
	if !s.sealed || len(s.pending) > 0 || s.f == nil {
		return
	}
	o.retire(s)
}

// retire deletes s (still locked, so that no one adopts it meanwhile) and
// lets go of it. o.mu is held.
func (o *outbox) retire(s *segment) {
	path := filepath.Join(o.dir, s.name)
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		o.log.Warn("audit outbox: cannot delete a shipped segment", "segment", path, "error", err)
	}
	s.syncMu.Lock() // not while an fsync runs
	s.f.Close()
	s.f = nil
	s.syncMu.Unlock()
	for i, x := range o.segs {
		if x == s {
			o.segs = append(o.segs[:i], o.segs[i+1:]...)
			break
		}
	}
}

// segments returns the segments with something to ship, oldest first.
func (o *outbox) segments() []*segment {
	o.mu.Lock()
	defer o.mu.Unlock()
	var out []*segment
	for _, s := range o.segs {
		if len(s.pending) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// stopAppends makes every later append fail with ErrClosed.
func (o *outbox) stopAppends() {
	o.mu.Lock()
	o.closed = true
	o.mu.Unlock()
}

// release deletes the segments with nothing left to ship and unlocks the
// others, for the next process to adopt.
func (o *outbox) release() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, s := range append([]*segment(nil), o.segs...) {
		s.sealed = true
		if len(s.pending) == 0 {
			o.retire(s)
			continue
		}
		s.syncMu.Lock()
		s.f.Close()
		s.f = nil
		s.syncMu.Unlock()
	}
	o.segs = nil
	o.active = nil
}

// OutboxStats describes what waits in the outbox.
type OutboxStats struct {
	PendingRecords int       `json:"pendingRecords"`
	PendingBytes   int64     `json:"pendingBytes"`
	OldestPending  time.Time `json:"oldestPending,omitzero"` // when the oldest waiting record was appended
	Segments       int       `json:"segments"`
}

func (o *outbox) stats() OutboxStats {
	o.mu.Lock()
	defer o.mu.Unlock()
	st := OutboxStats{PendingRecords: o.pendingRecords, PendingBytes: o.pendingBytes, Segments: len(o.segs)}
	for _, s := range o.segs {
		if len(s.pending) > 0 && (st.OldestPending.IsZero() || s.pending[0].at.Before(st.OldestPending)) {
			st.OldestPending = s.pending[0].at
		}
	}
	return st
}

func fmtBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
