using JasperFx.Events.Projections;

namespace Arsip.ReferenceData;

public static class Configuration
{
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
