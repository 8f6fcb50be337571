# FreelancerOS for a server: docker compose up (see docker-compose.yml). Not used by the tests.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/FreelancerOS.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Data__Folder=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "FreelancerOS.Web.dll"]
