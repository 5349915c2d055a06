namespace Arsip.ReferenceData;

/// <summary>One stream per agency and concern (per key for letterheads): the same ids in every tenant; tenants keep them apart.</summary>
public static class ReferenceDataStreams
{
    public static readonly Guid ClassificationSchemeStream = new("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid LetterNumberTemplatesStream = new("0193a000-0000-7000-8000-000000000002");
    public static readonly Guid WorkingCalendarStream = new("0193a000-0000-7000-8000-000000000003");
    public static readonly Guid AgendaNumberingStream = new("0193a000-0000-7000-8000-000000000004");
}
