namespace FreelancerOS.Web.Infrastructure;

public static class SecurityHeaders
{
    // No inline script and no <style> element: behaviour lives in site.js, styles in site.css. Style
    // *attributes* are allowed (they cannot run code) because SortableJS clones the dragged card, style
    // attribute included, and Chrome reports every such clone as a violation otherwise.
    private const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var h = context.Response.Headers;
                h.ContentSecurityPolicy = Csp;
                h.XContentTypeOptions = "nosniff";
                h.XFrameOptions = "DENY";
                h["Referrer-Policy"] = "same-origin";
                h["Cross-Origin-Opener-Policy"] = "same-origin";
                h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                // Downloads (invoice PDFs, CSV exports, receipts) hold the account's figures: no shared or disk cache keeps them.
                if (h.ContentDisposition.Count > 0) h.CacheControl = "private, no-store";
                return Task.CompletedTask;
            });
            await next();
        });
}
