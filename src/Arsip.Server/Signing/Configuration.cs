namespace Arsip.Signing;

public static class Configuration
{
    public const string RequireCertificateSetting = "Arsip:Signing:RequireCertificate";

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // The agency's clock decides whether a revocation list is still current (tests move it).
        services.AddSingleton(sp => SigningTrust.From(configuration, () => sp.GetRequiredService<ArsipClock>().GetUtcNow()));
        services.AddSingleton(sp => TimestampAuthority.From(configuration, sp.GetRequiredService<SigningTrust>()));
        services.AddSingleton<SignatureChecks>();
        services.AddSingleton<ILetterSigner, LocalPkcs12Signer>();
        services.AddSingleton(new SigningOptions(configuration.GetValue<bool>(RequireCertificateSetting)));
    }

    public static void Configure(StoreOptions opts) => opts.Schema.For<SigningKey>();
}

/// <summary>RequireCertificate: refuse to sign without a certified signature (production); off, a person without a certificate signs with the QR code only, as before TTE.</summary>
public sealed record SigningOptions(bool RequireCertificate);
