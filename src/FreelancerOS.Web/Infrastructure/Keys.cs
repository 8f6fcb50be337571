using System.Security.Cryptography.X509Certificates;
using FreelancerOS.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// The data-protection keys that sign cookies and antiforgery tokens. On a server database they live in
/// it, so every instance reads and writes the same ring (a cookie from one instance is valid on the
/// next); with SQLite they stay in the data folder. Unencrypted unless a certificate is configured.
/// </summary>
public static class Keys
{
    public static IServiceCollection AddAppDataProtection(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        var builder = services.AddDataProtection().SetApplicationName("FreelancerOS");
        if (Database.Provider(config) is DatabaseProvider.Postgres or DatabaseProvider.SqlServer)
        {
            builder.PersistKeysToDbContext<AppDbContext>();
            // Data protection reads its keys as the host starts, which is before the migrations are done on a new database.
            services.AddOptions<KeyManagementOptions>().PostConfigure<DatabaseReadiness>((o, readiness) =>
            {
                if (o.XmlRepository is { } keys) o.XmlRepository = readiness.Guard(keys);
            });
        }
        else
            builder.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));

        if (config["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, config["DataProtection:CertificatePassword"]);
            if (!certificate.HasPrivateKey)
                throw new InvalidOperationException($"DataProtection:CertificatePath ({path}) has no private key: the keys could not be read back.");
            builder.ProtectKeysWithCertificate(certificate);
        }
        return services;
    }
}
