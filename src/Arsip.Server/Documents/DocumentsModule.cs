using Arsip.Correspondence;
using Arsip.Organization;
using Marten;

namespace Arsip.Documents;

/// <summary>Official documents: issued letter PDFs, public verification, routing slips, agenda books.</summary>
public static class DocumentsModule
{
    /// <summary>Who may print the agenda books: registrars, auditors and administrators.</summary>
    public const string RegistersPolicy = "registers";

    public static IServiceCollection AddArsipDocuments(this IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddSingleton<IIssuedPdfStore, MartenIssuedPdfStore>();
        services.AddSingleton<IDispositionTrees, Dispositions.RoutingSlipTree>();
        services.AddSingleton<ILetterheads, AgencyLetterheads>();
        services.AddSingleton<DocumentLinks>();
        services.AddSingleton<ILetterIssuer, LetterIssuer>();
        services.AddAuthorizationBuilder().AddPolicy(RegistersPolicy,
            p => p.RequireRole(nameof(Role.Registrar), nameof(Role.Auditor), nameof(Role.Administrator)));
        return services;
    }

    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<IssuedPdf>();
        opts.Schema.For<VerificationLookup>().SingleTenanted();
    }
}
