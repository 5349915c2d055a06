namespace Arsip.Search;

/// <summary>
/// The Lucene field names of a letter document, in one place. Indexed, stored and doc-values
/// variants of one concept share a name where Lucene allows it, so a field means one thing.
/// </summary>
public static class LetterFields
{
    /// <summary>The letter id (Guid, "D" format); the upsert key.</summary>
    public const string Id = "id";
    /// <summary>The agency (tenant) the letter belongs to.</summary>
    public const string Tenant = "tenant";
    /// <summary>The opaque access tokens whose holders may see the letter.</summary>
    public const string Access = "access";

    /// <summary>Direction (incoming/outgoing) and naskah kind, as normalized keywords.</summary>
    public const string Kind = "kind";
    /// <summary>Every number of the letter (letter, sender's and agenda number), number-analyzed.</summary>
    public const string Number = "number";
    /// <summary>The agenda number alone, number-analyzed.</summary>
    public const string Agenda = "agenda";
    public const string LetterNumber = "letterNumber";
    public const string SenderLetterNumber = "senderLetterNumber";
    public const string AgendaNumber = "agendaNumber";

    /// <summary>The full classification code, exact and stored.</summary>
    public const string Classification = "classification";
    /// <summary>Every dotted prefix of the classification code, so a prefix search is one term lookup.</summary>
    public const string ClassificationPath = "classification.path";
    /// <summary>Top-level classification (e.g. <c>000</c>), doc values for facets.</summary>
    public const string ClassificationTopLevel = "classification.l1";
    /// <summary>Second-level classification (e.g. <c>000.1</c>), doc values for facets.</summary>
    public const string ClassificationSecondLevel = "classification.l2";

    /// <summary>The sender, analyzed as text and stored for display.</summary>
    public const string Sender = "sender";
    /// <summary>The sender as one normalized keyword, for exact filtering.</summary>
    public const string SenderExact = "sender.exact";
    /// <summary>The subject (hal), analyzed, stored.</summary>
    public const string Subject = "subject";
    /// <summary>Every searchable text of the letter (subject, parties, body, attachments, dispositions).</summary>
    public const string Content = "content";
    public const string Summary = "summary";
    public const string Body = "body";
    public const string Attachment = "attachment";
    /// <summary>Stored disposition instructions and follow-ups, for snippets.</summary>
    public const string Disposition = "disposition";

    /// <summary>Security level (sifat), normalized keyword plus stored display value.</summary>
    public const string SecurityLevel = "security";
    /// <summary>Urgency (derajat kecepatan), normalized keyword plus stored display value.</summary>
    public const string Urgency = "urgency";
    /// <summary>Workflow status, normalized keyword, sorted doc values and stored display value.</summary>
    public const string Status = "status";
    /// <summary>Unit ids, keywords and sorted-set doc values.</summary>
    public const string Unit = "unit";
    public const string Position = "position";
    /// <summary>Letter date as <see cref="DateOnly.DayNumber"/>: numeric index, doc values, stored.</summary>
    public const string LetterDate = "letterDate";
    /// <summary>Received or registered date as <see cref="DateOnly.DayNumber"/>, numeric index and stored.</summary>
    public const string ReceivedDate = "receivedDate";
    public const string Year = "year";
}
