"""The feed (`GET /posts`), as both builds share it: paging (`paging`), reading one page from
a build's tables (`query`), what a page looks like (`representation`) and its view (`api`).

Where the rows come from is each build's: the monolith's own tables (`monolith/feed/`), the
query service's read model (`microservices/query/`).
"""
