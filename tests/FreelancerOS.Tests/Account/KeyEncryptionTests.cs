using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace FreelancerOS.Tests.Account;

/// <summary>The app with DataProtection:CertificatePath set: the cookie keys it writes are encrypted with the certificate.</summary>
public sealed class CertificateKeysApp : TestApp
{
    public string CertificatePath => Path.Combine(DataFolder, "keys.pfx");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=FreelancerOS keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(CertificatePath, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        builder.UseSetting("DataProtection:CertificatePath", CertificatePath);
        builder.UseSetting("DataProtection:CertificatePassword", "pfx-password");
    }
}

public sealed class KeyEncryptionTests(CertificateKeysApp app) : IClassFixture<CertificateKeysApp>
{
    [Fact]
    public async Task WithACertificate_TheKeysAreEncryptedAtRest_AndSignInStillWorks()
    {
        var client = await app.SignedInClientAsync();
        Assert.NotNull((await client.GetPageAsync("/ledger")).QuerySelector("form[action='/account/logout']"));

        var keys = Directory.GetFiles(Path.Combine(app.DataFolder, "keys"), "key-*.xml");
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var xml = await File.ReadAllTextAsync(key);
            Assert.Contains("EncryptedData", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }
    }
}
