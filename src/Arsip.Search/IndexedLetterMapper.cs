using Arsip.Search.Analysis;
using Lucene.Net.Documents;
using Lucene.Net.Util;
using Field = Lucene.Net.Documents.Field;

namespace Arsip.Search;

internal static class IndexedLetterMapper
{
    public static Document ToDocument(IndexedLetter letter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(letter.Tenant);
        if (letter.Id == Guid.Empty) throw new ArgumentException("A letter needs an id.", nameof(letter));

        var doc = new Document
        {
            new StringField(LetterFields.Id, IdTerm(letter.Id), Field.Store.YES),
            new StringField(LetterFields.Tenant, letter.Tenant, Field.Store.NO),
        };
        foreach (var token in letter.AccessTokens.Distinct(StringComparer.Ordinal))
            doc.Add(new StringField(LetterFields.Access, token, Field.Store.NO));

        AddKinds(doc, letter);
        AddNumber(doc, LetterFields.LetterNumber, letter.LetterNumber);
        AddNumber(doc, LetterFields.SenderLetterNumber, letter.SenderLetterNumber);
        AddNumber(doc, LetterFields.AgendaNumber, letter.AgendaNumber);
        if (!string.IsNullOrWhiteSpace(letter.AgendaNumber))
            doc.Add(new TextField(LetterFields.Agenda, letter.AgendaNumber, Field.Store.NO));
        AddClassification(doc, letter.Classification);

        if (!string.IsNullOrWhiteSpace(letter.Sender))
        {
            doc.Add(new TextField(LetterFields.Sender, letter.Sender, Field.Store.YES));
            doc.Add(new StringField(LetterFields.SenderExact, Keyword.Normalize(letter.Sender), Field.Store.NO));
        }
        doc.Add(new TextField(LetterFields.Subject, letter.Subject, Field.Store.YES));
        AddContent(doc, letter);

        AddKeyword(doc, LetterFields.SecurityLevel, letter.SecurityLevel);
        AddKeyword(doc, LetterFields.Urgency, letter.Urgency);
        if (AddKeyword(doc, LetterFields.Status, letter.Status) is { } status)
            doc.Add(new SortedDocValuesField(LetterFields.Status, new BytesRef(status)));
        foreach (var unit in letter.UnitIds.Distinct(StringComparer.Ordinal))
        {
            doc.Add(new StringField(LetterFields.Unit, unit, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(LetterFields.Unit, new BytesRef(unit)));
        }
        foreach (var position in letter.PositionIds.Distinct(StringComparer.Ordinal))
            doc.Add(new StringField(LetterFields.Position, position, Field.Store.NO));

        var day = letter.LetterDate.DayNumber;
        doc.Add(new Int32Field(LetterFields.LetterDate, day, Field.Store.YES));
        doc.Add(new NumericDocValuesField(LetterFields.LetterDate, day));
        if (letter.ReceivedDate is { } received)
            doc.Add(new Int32Field(LetterFields.ReceivedDate, received.DayNumber, Field.Store.YES));
        var year = letter.Year ?? letter.LetterDate.Year;
        doc.Add(new Int32Field(LetterFields.Year, year, Field.Store.NO));
        doc.Add(new NumericDocValuesField(LetterFields.Year, year));
        return doc;
    }

    /// <summary>The id as indexed: the one spelling upserts and deletes must use.</summary>
    public static string IdTerm(Guid id) => id.ToString("D");

    public static string DirectionCode(LetterDirection direction) =>
        direction == LetterDirection.Incoming ? "incoming" : "outgoing";

    public static IEnumerable<string> ClassificationPrefixes(string code)
    {
        for (var dot = code.IndexOf('.'); dot > 0; dot = code.IndexOf('.', dot + 1)) yield return code[..dot];
        yield return code;
    }

    private static void AddKinds(Document doc, IndexedLetter letter)
    {
        var direction = DirectionCode(letter.Direction);
        doc.Add(new StringField(LetterFields.Kind, direction, Field.Store.NO));
        doc.Add(new StoredField(LetterFields.Kind, direction));
        if (!string.IsNullOrWhiteSpace(letter.NaskahKind))
        {
            doc.Add(new StringField(LetterFields.Kind, Keyword.Normalize(letter.NaskahKind), Field.Store.NO));
            doc.Add(new StoredField(LetterFields.Kind, letter.NaskahKind));
            doc.Add(new SortedDocValuesField(LetterFields.NaskahKind, new BytesRef(letter.NaskahKind.Trim())));
        }
    }

    private static void AddNumber(Document doc, string storedField, string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return;
        doc.Add(new StoredField(storedField, number));
        doc.Add(new TextField(LetterFields.Number, number, Field.Store.NO));
        doc.Add(new StringField(LetterFields.NumberExact, Keyword.Normalize(number), Field.Store.NO));
    }

    private static void AddClassification(Document doc, string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return;
        code = code.Trim();
        doc.Add(new StringField(LetterFields.Classification, code, Field.Store.YES));
        var prefixes = ClassificationPrefixes(code).ToList();
        foreach (var prefix in prefixes)
            doc.Add(new StringField(LetterFields.ClassificationPath, prefix, Field.Store.NO));
        doc.Add(new SortedDocValuesField(LetterFields.ClassificationTopLevel, new BytesRef(prefixes[0])));
        if (prefixes.Count > 1)
            doc.Add(new SortedDocValuesField(LetterFields.ClassificationSecondLevel, new BytesRef(prefixes[1])));
    }

    private static void AddContent(Document doc, IndexedLetter letter)
    {
        IEnumerable<string?> searchable =
        [
            letter.Subject, letter.Sender, .. letter.Addressees, letter.NaskahKind,
            letter.Summary, letter.Body, letter.AttachmentText, .. letter.DispositionTexts,
        ];
        foreach (var text in searchable)
            if (!string.IsNullOrWhiteSpace(text)) doc.Add(new TextField(LetterFields.Content, text, Field.Store.NO));

        AddStored(doc, LetterFields.Summary, letter.Summary);
        AddStored(doc, LetterFields.Body, letter.Body);
        AddStored(doc, LetterFields.Attachment, letter.AttachmentText);
        foreach (var text in letter.DispositionTexts) AddStored(doc, LetterFields.Disposition, text);
    }

    private static void AddStored(Document doc, string field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text)) doc.Add(new StoredField(field, text));
    }

    private static string? AddKeyword(Document doc, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var normalized = Keyword.Normalize(value);
        doc.Add(new StringField(field, normalized, Field.Store.NO));
        doc.Add(new StoredField(field, value));
        return normalized;
    }
}
