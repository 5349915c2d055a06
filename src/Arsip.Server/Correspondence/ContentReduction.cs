namespace Arsip.Correspondence;

/// <summary>
/// What pemusnahan keeps of a letter (the tombstone: number, date, sender and addressees, subject line, classification)
/// and what it destroys (body, remarks, attachment descriptions, review comments, reasons, file names). One rule for the
/// views and for the stored events (Records/RecordDestruction.cs reduces those by the same field names).
/// </summary>
public static class ContentReduction
{
    /// <summary>Corrected fields that are content: their before and after values go.</summary>
    public static readonly IReadOnlySet<string> ContentFields = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "attachments", "remarks" };

    public static FieldChange Reduce(FieldChange change) =>
        ContentFields.Contains(change.Field) ? change with { Before = null, After = null } : change;

    public static LetterContent Reduce(LetterContent content) => content with { Body = "", Attachments = null, Structure = null };
}
