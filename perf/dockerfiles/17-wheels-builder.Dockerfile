FROM quay.io/pypa/manylinux_2_28_x86_64 AS wheels
WORKDIR /build
COPY . .
RUN for py in cp311-cp311 cp312-cp312 cp313-cp313; do \
        "/opt/python/${py}/bin/pip" wheel --no-deps -w /dist/raw . || exit 1; \
    done \
    && for whl in /dist/raw/*.whl; do auditwheel repair "$whl" -w /dist/; done

FROM scratch
COPY --from=wheels /dist/*.whl /
