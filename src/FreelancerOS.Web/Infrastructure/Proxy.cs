using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>
/// Behind a TLS proxy (the README's server set-up) the app sees plain HTTP from the proxy: it honours
/// X-Forwarded-Proto and X-Forwarded-For only from the addresses in <c>ForwardedHeaders:KnownProxies</c>
/// (comma-separated), so a client cannot claim HTTPS or another address itself. With the scheme known,
/// cookies come out Secure and HSTS is sent.
/// </summary>
public static class Proxy
{
    public static IServiceCollection AddProxySupport(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in (config["ForwardedHeaders:KnownProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
                if (IPAddress.TryParse(address, out var ip)) o.KnownProxies.Add(ip);
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }

    public static IApplicationBuilder UseProxySupport(this IApplicationBuilder app, IHostEnvironment env)
    {
        // Without a known proxy, the middleware would trust loopback: keep that default off unless configured.
        var options = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0) app.UseForwardedHeaders();
        // HSTS only reaches the browser over HTTPS (the middleware checks); never in development on localhost.
        if (!env.IsDevelopment()) app.UseHsts();
        return app;
    }
}
