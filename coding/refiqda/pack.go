package refiqda

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"runtime"
	"strings"
	"time"
)

// packer writes the files of a .qdpx in order while it deflates the next
// ones on the other cores: deflating the PDFs was two thirds of an
// export's time on one core (issue 14: 1.8× `zip -r` of the PDFs at 500
// papers). zip.Writer still writes every header, checksum and size; only
// its compressor hands over the bytes deflated ahead (deflatedAhead), so
// that an archive of files deflated at archive/zip's own level is the
// same byte for byte as archive/zip alone writes.
type packer struct {
	zw    *zip.Writer
	mod   time.Time
	ahead []*packed // started, in the order they are written
	bytes int       // the bytes of the files ahead
	limit int       // of bytes ahead: aheadBytes
	cur   *packed   // the file being written
}

// packed is a file being deflated ahead of its turn.
type packed struct {
	name     string
	data     []byte
	deflated bytes.Buffer
	err      error
	done     chan struct{}
}

// zipFlateLevel is the level archive/zip deflates at: project.qde and
// the texts are deflated at it. A PDF's streams are mostly deflated
// already, so it gets the fastest level: at 500 papers 6 % more bytes than
// level 5, in a third of the time (issue 14).
const zipFlateLevel = 5

// flateLevel is the level a file is deflated at.
func flateLevel(name string) int {
	if strings.HasSuffix(name, ".pdf") {
		return flate.BestSpeed
	}
	return zipFlateLevel
}

func newPacker(w io.Writer, mod time.Time) *packer {
	pk := &packer{zw: zip.NewWriter(w), mod: mod, limit: aheadBytes}
	pk.zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return deflatedAhead{out: out, p: pk.cur}, nil
	})
	return pk
}

// aheadBytes bounds the bytes of the files waiting to be written, so
// that a machine of many cores does not hold as many large PDFs (and
// their deflated copies) at once.
const aheadBytes = 64 << 20

// put adds a file: it is deflated on a goroutine of its own, and written
// once the files before it are, with no more files waiting than there are
// cores, nor more than aheadBytes of them beside the oldest.
func (pk *packer) put(name string, data []byte) error {
	p := &packed{name: name, data: data, done: make(chan struct{})}
	go p.deflate()
	pk.ahead = append(pk.ahead, p)
	pk.bytes += len(data)
	for len(pk.ahead) > runtime.GOMAXPROCS(0) || len(pk.ahead) > 1 && pk.bytes > pk.limit {
		if err := pk.writeNext(); err != nil {
			return err
		}
	}
	return nil
}

func (p *packed) deflate() {
	defer close(p.done)
	fw, err := flate.NewWriter(&p.deflated, flateLevel(p.name))
	if err == nil {
		_, err = fw.Write(p.data)
	}
	if err == nil {
		err = fw.Close()
	}
	p.err = err
}

// writeNext writes the first file waiting, once it is deflated.
func (pk *packer) writeNext() error {
	p := pk.ahead[0]
	pk.ahead = pk.ahead[1:]
	pk.bytes -= len(p.data)
	<-p.done
	if p.err != nil {
		return p.err
	}
	pk.cur = p
	w, err := pk.zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: pk.mod})
	if err != nil {
		return err
	}
	// The file's own bytes, for the checksum and size zip.Writer
	// records; deflatedAhead writes what was deflated from them.
	_, err = w.Write(p.data)
	return err
}

// Close writes the files still waiting and the archive's directory.
func (pk *packer) Close() error {
	for len(pk.ahead) > 0 {
		if err := pk.writeNext(); err != nil {
			return err
		}
	}
	return pk.zw.Close()
}

// deflatedAhead is the compressor of the file being written: it drops
// what zip.Writer hands it (the file's bytes, already deflated) and
// writes the deflated bytes when the file is closed.
type deflatedAhead struct {
	out io.Writer
	p   *packed
}

func (d deflatedAhead) Write(b []byte) (int, error) { return len(b), nil }

func (d deflatedAhead) Close() error {
	_, err := d.out.Write(d.p.deflated.Bytes())
	return err
}
