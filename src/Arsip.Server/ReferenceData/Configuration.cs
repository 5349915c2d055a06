using JasperFx.Events.Projections;
using Marten;

namespace Arsip.ReferenceData;

/// <summary>How the reference data module is stored: one stream per agency and concern (per key for letterheads).</summary>
public static class Configuration
{
    /// <summary>The agency's classification scheme stream (the same id in every tenant; tenants keep them apart).</summary>
    public static readonly Guid ClassificationSchemeStream = new("0193a000-0000-7000-8000-000000000001");
    public static readonly Guid LetterNumberTemplatesStream = new("0193a000-0000-7000-8000-000000000002");
    public static readonly Guid WorkingCalendarStream = new("0193a000-0000-7000-8000-000000000003");
    public static readonly Guid AgendaNumberingStream = new("0193a000-0000-7000-8000-000000000004");

    public static void Configure(StoreOptions opts)
    {
        opts.Projections.Add<ClassificationSchemeProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<LetterNumberTemplatesProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<LetterheadProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<WorkingCalendarProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<AgendaNumberingProjection>(ProjectionLifecycle.Inline);
        opts.Schema.For<LetterheadView>().Duplicate(l => l.Key);
    }
}
