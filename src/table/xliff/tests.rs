use super::*;

/// A row as the tests read it: languages, id, source, target, note.
type Row = (String, String, String, String, String);

fn rows(xml: &str) -> Result<Vec<Row>, Malformed> {
    let mut reader = Units::new(xml.as_bytes());
    let mut out = Vec::new();
    while let Some(unit) = reader.next_unit()? {
        let prop = |name: &str| {
            unit.props
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(unit.variants.len(), 2);
        let tags = format!("{}>{}", unit.variants[0].0, unit.variants[1].0);
        out.push((
            tags,
            prop("id"),
            unit.variants[0].1.clone(),
            unit.variants[1].1.clone(),
            prop("note"),
        ));
    }
    Ok(out)
}

fn row(
    tags: &str,
    id: &str,
    source: &str,
    target: &str,
    note: &str,
) -> (String, String, String, String, String) {
    (
        tags.into(),
        id.into(),
        source.into(),
        target.into(),
        note.into(),
    )
}

#[test]
fn xliff_1_2_units_are_rows_without_codes_alternatives_or_untranslatable_units() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0">
 <file original="report.docx" source-language="en-US" target-language="fa-IR" datatype="plaintext">
  <header><tool tool-id="x" tool-name="X"/></header>
  <body>
   <group id="g1">
    <trans-unit id="1">
     <source>The <g id="b">council</g> met<x id="2"/> on Tuesday &amp; voted.</source>
     <target state="translated">شورا روز سه‌شنبه <g id="b">تشکیل</g> جلسه داد و رأی داد.</target>
     <alt-trans><source>Old source.</source><target>ترجمه قدیمی.</target></alt-trans>
     <note>Checked by Ed.</note>
    </trans-unit>
   </group>
   <trans-unit id="2" translate="no"><source>CODE-42</source></trans-unit>
   <trans-unit id="3">
     <source>Press <ph id="1">&lt;b&gt;</ph>OK<ph id="2">&lt;/b&gt;</ph>.<bpt id="3">{b}</bpt>Now<ept id="3">{/b}</ept></source>
     <sdl:seg-defs><sdl:seg id="1">Tool data.</sdl:seg></sdl:seg-defs>
   </trans-unit>
  </body>
 </file>
</xliff>"#;
    assert_eq!(
        rows(xml).unwrap(),
        [
            row(
                "en-US>fa-IR",
                "1",
                "The council met on Tuesday & voted.",
                "شورا روز سه‌شنبه تشکیل جلسه داد و رأی داد.",
                "Checked by Ed."
            ),
            row("en-US>fa-IR", "3", "Press OK.Now", "", ""),
        ]
    );
}

#[test]
fn sdlxliff_segments_are_rows_paired_by_mid() {
    let xml = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="a.txt" source-language="en" target-language="fa"><body>
  <trans-unit id="u1">
   <source>One sentence. Two sentences.</source>
   <seg-source><mrk mtype="seg" mid="1">One sentence.</mrk> <mrk mtype="seg" mid="2">Two <g id="5">sentences</g>.</mrk></seg-source>
   <target><mrk mtype="seg" mid="2">دو جمله.</mrk> <mrk mtype="seg" mid="1">یک جمله.</mrk></target>
  </trans-unit>
 </body></file>
</xliff>"#;
    assert_eq!(
        rows(xml).unwrap(),
        [
            row("en>fa", "u1/1", "One sentence.", "یک جمله.", ""),
            row("en>fa", "u1/2", "Two sentences.", "دو جمله.", ""),
        ]
    );
}

#[test]
fn xliff_2_segments_are_rows() {
    let xml = r#"<?xml version="1.0"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fa">
 <file id="f1" original="story.html">
  <unit id="u1">
   <notes><note>From the intro.</note></notes>
   <originalData><data id="d1">&lt;b&gt;</data></originalData>
   <segment id="s1"><source>Hello <pc id="1" dataRefStart="d1">world</pc>.</source><target>سلام <pc id="1">دنیا</pc>.</target></segment>
   <ignorable><source> </source></ignorable>
   <segment id="s2" state="initial"><source>A<cp hex="0009"/>tab<ph id="2" dataRef="d1"/>.</source></segment>
  </unit>
  <unit id="u2" translate="no"><segment><source>SKU-1</source></segment></unit>
 </file>
</xliff>"#;
    assert_eq!(
        rows(xml).unwrap(),
        [
            row(
                "en>fa",
                "u1/1",
                "Hello world.",
                "سلام دنیا.",
                "From the intro."
            ),
            row("en>fa", "u1/2", "A\ttab.", "", "From the intro."),
        ]
    );
}

#[test]
fn what_is_not_xliff_is_an_error_with_its_offset() {
    let err = rows("<tmx version=\"1.4\"><body/></tmx>").unwrap_err();
    assert!(err.1.contains("not an XLIFF document"), "{err:?}");
    let err =
        rows("<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>Open").unwrap_err();
    assert!(
        err.1.contains("never closed") || err.1.contains("malformed"),
        "{err:?}"
    );
    let err = rows("<xliff><file><body><trans-unit id=\"1\"><source>a</target>").unwrap_err();
    assert!(err.1.contains("malformed XML"), "{err:?}");
    assert_eq!(rows("<xliff version=\"2.0\"/>").unwrap(), []);
}

proptest::proptest! {
    /// Any soup of XLIFF's elements, however malformed, is read into rows
    /// or an error without a panic, and the rows end.
    #[test]
    fn any_document_reads_or_fails_without_a_panic(
        body in "(<(trans-unit|/trans-unit|unit|/unit|segment|/segment|source|/source|target|/target|seg-source|/seg-source|mrk mtype=\"seg\" mid=\"1\"|/mrk|g|/g|ph|/ph|x/|alt-trans|/alt-trans|note|/note|file|/file)>|[a-z &;<>\u{628}])*"
    ) {
        let xml = format!("<xliff version=\"1.2\">{body}</xliff>");
        let mut reader = Units::new(xml.as_bytes());
        for _ in 0..10_000 {
            match reader.next_unit() {
                Ok(Some(unit)) => proptest::prop_assert_eq!(unit.variants.len(), 2),
                Ok(None) | Err(_) => return Ok(()),
            }
        }
        proptest::prop_assert!(false, "the rows never end");
    }
}
