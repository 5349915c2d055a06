
namespace Arsip.Documents;

public static class Configuration
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddAntiforgery();
        services.AddSingleton<IIssuedPdfStore, MartenIssuedPdfStore>();
        services.AddSingleton<ILetterheads, AgencyLetterheads>();
        services.AddSingleton<DocumentLinks>();
        services.AddSingleton<Correspondence.ILetterIssuer, LetterIssuer>();
        services.AddAuthorizationBuilder().AddPolicy(Policies.Registers,
            p => p.RequireRole(nameof(Role.Registrar), nameof(Role.Auditor), nameof(Role.Administrator)));
    }

    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<IssuedPdf>();
        opts.Schema.For<VerificationLookup>().SingleTenanted();
    }
}
