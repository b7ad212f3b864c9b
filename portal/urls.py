from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal.base import views as base_views
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenter/", include(wagtaildocs_urls)),
    path("", include("portal.accounts.urls")),
    path("", include("matching.urls")),
    path("", include("portal.needs.urls")),
    path("sok/", search_views.search_page, name="search"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include("portal.api_urls")),
    path("robots.txt", base_views.robots_txt, name="robots"),
    # Dashboards (/statsforvalter/, /bufdir/) and the open-data page (/apne-data/).
    path("", include("overviews.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves everything else (the page tree): keep it last.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.base.views.bad_request"
handler403 = "portal.base.views.permission_denied"
handler404 = "portal.base.views.page_not_found"
handler500 = "portal.base.views.server_error"
