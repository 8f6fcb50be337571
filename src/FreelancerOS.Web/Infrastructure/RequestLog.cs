using System.Diagnostics;

namespace FreelancerOS.Web.Infrastructure;

/// <summary>One log line per request (Serilog.AspNetCore's request logging is not available here).</summary>
public static class RequestLog
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("FreelancerOS.Request");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next();
            logger.LogInformation("HTTP {Method} {Path} responded {Status} in {Elapsed:0.0} ms",
                context.Request.Method, context.Request.Path, context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
    }
}
