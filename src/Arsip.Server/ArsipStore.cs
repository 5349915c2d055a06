using Arsip.Infrastructure;
using JasperFx.MultiTenancy;
using Weasel.Core;

namespace Arsip;

/// <summary>The Marten event store: what all modules share (tenancy, serialization, the chain's headers), then each module's own part.</summary>
public static class ArsipStore
{
    public const string Schema = ArsipDatabase.Schema;

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
        // (type, seq_id): who held a position at a moment reads placements and acting assignments by type (Audit/LetterTimeline.cs)
        opts.Events.EnableEventTypeIndex = true;
        opts.Events.UseMandatoryStreamTypeDeclaration = true;

        opts.Storage.ExtendedSchemaObjects.Add(Sequences.Table(Schema));
        foreach (var table in Searching.IndexNodes.Tables(Schema)) opts.Storage.ExtendedSchemaObjects.Add(table);
        opts.Storage.ExtendedSchemaObjects.Add(Searching.PostgresFileTextCache.Definition(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(Access.SharedKeyRing.Definition(Schema));
        opts.Storage.ExtendedSchemaObjects.Add(Access.SignInThrottle.Definition(Schema));

        Attachments.Configuration.Configure(opts);
        Organization.Configuration.Configure(opts);
        Correspondence.Configuration.Configure(opts);
        Dispositions.Configuration.Configure(opts);
        Audit.Configuration.Configure(opts);
        ReferenceData.Configuration.Configure(opts);
        Documents.Configuration.Configure(opts);
        Signing.Configuration.Configure(opts);
        Records.Configuration.Configure(opts);
        Notifications.Configuration.Configure(opts);
        Onboarding.Configuration.Configure(opts);
        Exchange.Configuration.Configure(opts);
    }
}
