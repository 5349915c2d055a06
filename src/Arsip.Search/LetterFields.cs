namespace Arsip.Search;

/// <summary>Field names in one place; indexed, stored and doc-values variants of one concept share a name where Lucene allows it.</summary>
public static class LetterFields
{
    /// <summary>Guid, "D" format; the upsert key.</summary>
    public const string Id = "id";
    public const string Tenant = "tenant";
    /// <summary>The opaque access tokens whose holders may see the letter.</summary>
    public const string Access = "access";

    public const string Kind = "kind";
    /// <summary>The naskah kind as the letter names it (SuratTugas, "Surat Masuk"): doc values for the kind facet.</summary>
    public const string NaskahKind = "naskah";
    public const string Number = "number";
    public const string Agenda = "agenda";
    /// <summary>Each whole number (letter, sender's, agenda) in lower case: search-as-you-type by prefix.</summary>
    public const string NumberExact = "number.exact";
    public const string LetterNumber = "letterNumber";
    public const string SenderLetterNumber = "senderLetterNumber";
    public const string AgendaNumber = "agendaNumber";

    public const string Classification = "classification";
    /// <summary>Every dotted prefix of the classification code, so a prefix search is one term lookup.</summary>
    public const string ClassificationPath = "classification.path";
    public const string ClassificationTopLevel = "classification.l1";
    public const string ClassificationSecondLevel = "classification.l2";

    public const string Sender = "sender";
    public const string SenderExact = "sender.exact";
    public const string Subject = "subject";
    /// <summary>Every searchable text of the letter (subject, parties, body, attachments, dispositions).</summary>
    public const string Content = "content";
    public const string Summary = "summary";
    public const string Body = "body";
    public const string Attachment = "attachment";
    public const string Disposition = "disposition";

    public const string SecurityLevel = "security";
    public const string Urgency = "urgency";
    public const string Status = "status";
    public const string Unit = "unit";
    public const string Position = "position";
    /// <summary>Letter date as <see cref="DateOnly.DayNumber"/>: numeric index, doc values, stored.</summary>
    public const string LetterDate = "letterDate";
    public const string ReceivedDate = "receivedDate";
    public const string Year = "year";
}
