package pdfua

import (
	"strings"
)

var xmlEscape = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

// XMP returns the document's XMP metadata packet (ISO 16684-1): its
// title and author, the dates and producer that the document information
// dictionary also holds, and the PDF/UA identification (pdfuaid:part 1,
// ISO 14289-1, 5). The subject and language are in the information
// dictionary and the catalog; a sheet's size budget leaves them out here.
func XMP(m Meta) []byte {
	date := m.Date.Format("2006-01-02T15:04:05")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
	b.WriteString(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + xmlEscape.Replace(m.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	if m.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq><rdf:li>" + xmlEscape.Replace(m.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if m.Producer != "" {
		b.WriteString("<pdf:Producer>" + xmlEscape.Replace(m.Producer) + "</pdf:Producer>\n")
	}
	b.WriteString("<xmp:CreateDate>" + date + "</xmp:CreateDate>\n")
	b.WriteString("<xmp:ModifyDate>" + date + "</xmp:ModifyDate>\n")
	b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	b.WriteString("</rdf:Description></rdf:RDF></x:xmpmeta>\n")
	b.WriteString(`<?xpacket end="r"?>`)
	return []byte(b.String())
}
