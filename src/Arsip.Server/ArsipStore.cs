using Arsip.Correspondence;
using Arsip.Infrastructure;
using JasperFx.Events;
using JasperFx.MultiTenancy;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;

namespace Arsip;

/// <summary>The Marten event store: one place that says how every module's data is stored.</summary>
public static class ArsipStore
{
    public const string Schema = "arsip";
    public const string DefaultAgency = "kota-bekasi";

    public static void Configure(StoreOptions opts, string connectionString)
    {
        opts.Connection(connectionString);
        opts.DatabaseSchemaName = Schema;
        opts.UseSystemTextJsonForSerialization(EnumStorage.AsString);

        // Each agency (instansi) is a tenant: its records never show in another's queries.
        opts.Events.TenancyStyle = TenancyStyle.Conjoined;
        opts.Policies.AllDocumentsAreMultiTenanted();
        opts.Events.StreamIdentity = StreamIdentity.AsGuid;
        opts.Events.MetadataConfig.HeadersEnabled = true;
        opts.Events.UseMandatoryStreamTypeDeclaration = true;

        opts.Storage.ExtendedSchemaObjects.Add(Sequences.Table(Schema));

        opts.Projections.Add<IncomingLetterViewProjection>(ProjectionLifecycle.Inline);
        opts.Projections.Add<AgendaYearSummaryProjection>(ProjectionLifecycle.Async);
        opts.Schema.For<IncomingLetterView>()
            .Index(l => l.AgendaYear)
            .Duplicate(l => l.AgendaNumber);

        ReferenceData.Configuration.Configure(opts);
    }
}

/// <summary>Claim types Arsip issues at sign-in.</summary>
public static class ArsipClaims
{
    public const string Agency = "arsip:agency";
}
