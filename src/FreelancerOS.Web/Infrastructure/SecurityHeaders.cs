namespace FreelancerOS.Web.Infrastructure;

public static class SecurityHeaders
{
    // No inline script and no <style> element: behaviour lives in site.js, styles in site.css. Style
    // *attributes* are allowed (they cannot run code) because SortableJS clones the dragged card, style
    // attribute included, and Chrome reports every such clone as a violation otherwise.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // The jobs dashboard (Hangfire) has no inline script, but its chart library injects one fixed
    // <style> element: allowed by its hash, on the dashboard's pages only.
    private static readonly string JobsDashboardCsp =
        Csp.Replace("style-src 'self';", "style-src 'self' 'sha256-z7zcnw/4WalZqx+PrNaRnoeLz/G9WXuFqV1WCJ129sg=';", StringComparison.Ordinal);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Read now: the dashboard's branch moves "/jobs" into PathBase before the response starts.
            var csp = context.Request.Path.StartsWithSegments(Jobs.DashboardPath) ? JobsDashboardCsp : Csp;
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = csp;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                // A page may ask for less (an invoice's public link: no-referrer, its token stays private).
                if (!h.ContainsKey("Referrer-Policy")) h["Referrer-Policy"] = "same-origin";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // Downloads (invoice PDFs, CSV exports, receipts) hold the account's figures: no shared or disk cache keeps them.
                if (h.ContentDisposition.Count > 0) h.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
            await next();
        });
}
